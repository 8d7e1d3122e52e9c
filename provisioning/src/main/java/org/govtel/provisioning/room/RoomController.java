package org.govtel.provisioning.room;

import java.net.URI;
import java.util.List;
import org.govtel.provisioning.security.CurrentAdmin;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Meeting rooms of the audio bridge (the live meetings in them are under /api/meetings). */
@RestController
@RequestMapping("/api/rooms")
public class RoomController {

    private final RoomService service;

    public RoomController(RoomService service) {
        this.service = service;
    }

    @GetMapping
    public List<ConferenceRoom> list(@AuthenticationPrincipal CurrentAdmin me) {
        return service.list(me);
    }

    @GetMapping("/{number}")
    public ConferenceRoom get(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number) {
        return service.get(me, number);
    }

    @PostMapping
    public ResponseEntity<ConferenceRoom> create(@AuthenticationPrincipal CurrentAdmin me, @RequestBody RoomRequest r) {
        ConferenceRoom room = service.create(me, r);
        return ResponseEntity.created(URI.create("/api/rooms/" + room.number())).body(room);
    }

    @PutMapping("/{number}")
    public ConferenceRoom update(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number,
                                 @RequestBody RoomRequest r) {
        return service.update(me, number, r);
    }

    @DeleteMapping("/{number}")
    public ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number) {
        service.delete(me, number);
        return ResponseEntity.noContent().build();
    }
}
