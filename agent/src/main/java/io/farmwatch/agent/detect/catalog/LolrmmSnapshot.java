package io.farmwatch.agent.detect.catalog;

import java.util.List;

/**
 * The tools of the pinned LOLRMM copy (agent/lolrmm) as the importer reads them, generated into the
 * agent's resources so the agent parses one small file at start instead of 319 YAML files.
 *
 * @param commit the LOLRMM commit the copy was taken at
 */
public record LolrmmSnapshot(String commit, List<ToolEntry> tools) {

  public static final String RESOURCE = "/io/farmwatch/agent/detect/lolrmm-tools.json";

  public LolrmmSnapshot {
    tools = List.copyOf(tools);
  }
}
