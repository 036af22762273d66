package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiskIdentity(String name, String model, String serial, Long sizeBytes) {}
