package org.govtel.provisioning.room;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.ui.AdminUiController;
import org.govtel.provisioning.ui.FormErrors;
import org.govtel.provisioning.web.ApiProblems;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The meeting rooms of the audio bridge in the admin UI: every admin sees the numbers and names;
 * prefecture admins see the PINs and create, change and delete rooms. All through
 * {@link RoomService}, which decides who sees PINs and who may change rooms (403 for anyone else).
 */
@AdminUiController
@RequestMapping("/admin/rooms")
public class RoomPages {

    private final RoomService rooms;

    public RoomPages(RoomService rooms) {
        this.rooms = rooms;
    }

    /** The room form: PINs left empty are generated (new room) or kept (existing room). */
    public static class RoomForm {
        @NotBlank(message = "{ui.error.required}")
        @Pattern(regexp = "88[0-9]{4}", message = "{ui.error.roomNumber}")
        private String number;
        @NotBlank(message = "{ui.error.required}")
        @Size(max = 100, message = "{ui.error.max100}")
        private String nameZh;
        @Size(max = 100, message = "{ui.error.max100}")
        private String nameEn;
        @Pattern(regexp = "[0-9]{4,12}|", message = "{ui.error.pin}")
        private String pin;
        @Pattern(regexp = "[0-9]{4,12}|", message = "{ui.error.pin}")
        private String moderatorPin;

        static RoomForm of(ConferenceRoom r) {
            RoomForm f = new RoomForm();
            f.number = r.number();
            f.nameZh = r.nameZh();
            f.nameEn = r.nameEn();
            f.pin = r.pin();
            f.moderatorPin = r.moderatorPin();
            return f;
        }

        RoomRequest toRequest() {
            return new RoomRequest(number, nameZh, nameEn, blankToNull(pin), blankToNull(moderatorPin));
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }

        public String getNumber() {
            return number;
        }

        public void setNumber(String number) {
            this.number = number == null ? null : number.trim();
        }

        public String getNameZh() {
            return nameZh;
        }

        public void setNameZh(String nameZh) {
            this.nameZh = nameZh == null ? null : nameZh.trim();
        }

        public String getNameEn() {
            return nameEn;
        }

        public void setNameEn(String nameEn) {
            this.nameEn = nameEn;
        }

        public String getPin() {
            return pin;
        }

        public void setPin(String pin) {
            this.pin = pin == null ? null : pin.trim();
        }

        public String getModeratorPin() {
            return moderatorPin;
        }

        public void setModeratorPin(String moderatorPin) {
            this.moderatorPin = moderatorPin == null ? null : moderatorPin.trim();
        }
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentAdmin me, Model model) {
        model.addAttribute("rooms", rooms.list(me));
        return "rooms/list";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        model.addAttribute("form", new RoomForm());
        model.addAttribute("room", null);
        return "rooms/room";
    }

    @PostMapping
    String create(@AuthenticationPrincipal CurrentAdmin me, @Valid @ModelAttribute("form") RoomForm form,
                  BindingResult errors, Model model, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                ConferenceRoom room = rooms.create(me, form.toRequest());
                redirect.addFlashAttribute("notice", "ui.notice.roomCreated");
                return "redirect:/admin/rooms/" + room.number();
            } catch (ApiProblems.InvalidFields | ApiProblems.Conflict e) {
                FormErrors.apply(errors, e, Map.of());
            }
        }
        model.addAttribute("room", null);
        return "rooms/room";
    }

    @GetMapping("/{number}")
    String room(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number, Model model) {
        ConferenceRoom room = rooms.get(me, number);
        model.addAttribute("form", RoomForm.of(room));
        model.addAttribute("room", room);
        return "rooms/room";
    }

    @PostMapping("/{number}")
    String update(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number,
                  @Valid @ModelAttribute("form") RoomForm form, BindingResult errors, Model model,
                  RedirectAttributes redirect) {
        ConferenceRoom room = rooms.get(me, number);
        // The path names the room; the form's number is only shown.
        form.setNumber(room.number());
        if (!errors.hasFieldErrors("nameZh") && !errors.hasFieldErrors("nameEn") && !errors.hasFieldErrors("pin")
                && !errors.hasFieldErrors("moderatorPin")) {
            try {
                rooms.update(me, room.number(), form.toRequest());
                redirect.addFlashAttribute("notice", "ui.notice.saved");
                return "redirect:/admin/rooms/" + room.number();
            } catch (ApiProblems.InvalidFields | ApiProblems.Conflict e) {
                FormErrors.apply(errors, e, Map.of());
            }
        }
        model.addAttribute("room", room);
        return "rooms/room";
    }

    @PostMapping("/{number}/delete")
    String delete(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number, RedirectAttributes redirect) {
        rooms.delete(me, number);
        redirect.addFlashAttribute("notice", "ui.notice.roomDeleted");
        return "redirect:/admin/rooms";
    }
}
