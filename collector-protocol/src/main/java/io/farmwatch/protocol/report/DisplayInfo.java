package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A display, from its EDID.
 *
 * @param manufacturerId the three-letter PNP ID, e.g. {@code DEL}
 * @param productCode the EDID product code as four hex digits
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DisplayInfo(
    String connector,
    String manufacturerId,
    String productCode,
    String productName,
    String serial,
    Integer widthMm,
    Integer heightMm) {}
