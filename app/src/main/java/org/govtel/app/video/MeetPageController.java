package org.govtel.app.video;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** {@code /meet/NUMBER}: the meeting page; the page itself reads the number and options from its URL. */
@Controller
class MeetPageController {

    @GetMapping({"/meet/{number:\\d+}", "/meet"})
    String page(@PathVariable(required = false) String number) {
        return "forward:/meet/meet.html";
    }
}
