package org.govtel.provisioning.device;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.govtel.provisioning.device.DeviceDtos.DeviceRequest;
import org.govtel.provisioning.device.DeviceDtos.DeviceView;
import org.govtel.provisioning.device.DeviceDtos.LineDto;

/**
 * The device form of the admin UI. The format checks are the API's (same patterns), with
 * messages in the UI's languages; the rest (site and extensions in scope, MAC free, each
 * extension once) the service checks. {@code lines} holds the extension of line 1, 2, … by
 * position (empty: the line is unused), so the form is one input per line.
 */
public class DeviceForm {

    /** Lines shown for a new device; an existing one shows its last used line and two more. */
    static final int MIN_ROWS = 4;

    @NotBlank(message = "{ui.error.required}")
    @Pattern(regexp = Mac.REGEX, message = "{ui.error.mac}")
    private String mac;
    @NotBlank(message = "{ui.error.required}")
    @Pattern(regexp = DeviceDtos.VENDOR_REGEX, message = "{ui.error.choice}")
    private String vendor;
    @NotBlank(message = "{ui.error.required}")
    @Size(max = 64, message = "{ui.error.max64}")
    private String model;
    @NotNull(message = "{ui.error.required}")
    private Long siteId;
    @Pattern(regexp = DeviceDtos.TRANSPORT_REGEX, message = "{ui.error.choice}")
    private String transport = DeviceDtos.DEFAULT_TRANSPORT;
    @Size(max = 200, message = "{ui.error.max200}")
    private String description;
    /** As the API: at most 16 lines (numbered 1 to 16). */
    @Size(max = DeviceDtos.MAX_LINES, message = "{ui.error.maxLines}")
    private List<@Pattern(regexp = "[0-9]{6}|", message = "{ui.error.number}") String> lines = new ArrayList<>();

    static DeviceForm of(DeviceView d) {
        DeviceForm f = new DeviceForm();
        f.mac = d.mac();
        f.vendor = d.vendor();
        f.model = d.model();
        f.siteId = d.siteId();
        f.transport = d.transport();
        f.description = d.description();
        for (Device.Line l : d.lines()) {
            while (f.lines.size() < l.line()) {
                f.lines.add("");
            }
            f.lines.set(l.line() - 1, l.extension());
        }
        return f;
    }

    /** How many line inputs the form shows: every line in use, two free ones, at least {@value #MIN_ROWS}. */
    public int getRows() {
        int used = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) != null && !lines.get(i).isBlank()) {
                used = i + 1;
            }
        }
        return Math.min(DeviceDtos.MAX_LINES, Math.max(MIN_ROWS, Math.max(used + 2, lines.size())));
    }

    /** The request for the service: the lines in use, numbered by their position. */
    DeviceRequest toRequest() {
        return new DeviceRequest(mac, vendor, model, siteId, description, requestLines(), transport);
    }

    private List<LineDto> requestLines() {
        List<LineDto> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String ext = lines.get(i);
            if (ext != null && !ext.isBlank()) {
                result.add(new LineDto(i + 1, ext.trim()));
            }
        }
        return result;
    }

    /**
     * The form field of a service error on {@code lines[i].extension}: the service counts the
     * lines in use, the form counts every line.
     */
    String lineField(int requestIndex) {
        List<LineDto> used = requestLines();
        return requestIndex < used.size() ? "lines[" + (used.get(requestIndex).line() - 1) + "]" : "lines";
    }

    public String getMac() {
        return mac;
    }

    public void setMac(String mac) {
        this.mac = mac == null ? null : mac.trim();
    }

    public String getVendor() {
        return vendor;
    }

    public void setVendor(String vendor) {
        this.vendor = vendor;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model == null ? null : model.trim();
    }

    public Long getSiteId() {
        return siteId;
    }

    public void setSiteId(Long siteId) {
        this.siteId = siteId;
    }

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = transport;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getLines() {
        return lines;
    }

    public void setLines(List<String> lines) {
        this.lines = lines == null ? new ArrayList<>() : new ArrayList<>(lines);
    }
}
