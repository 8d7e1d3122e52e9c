package org.govtel.provisioning.room;

import java.security.SecureRandom;
import java.util.List;
import org.govtel.provisioning.audit.AuditLog;
import org.govtel.provisioning.extension.ExtensionRepository;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.security.Scope;
import org.govtel.provisioning.security.ScopeService;
import org.govtel.provisioning.servicenumber.ServiceNumberRepository;
import org.govtel.provisioning.web.ApiProblems;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Meeting rooms of the audio bridge. Rooms serve the whole prefecture, so only a prefecture admin
 * creates, changes or deletes them and sees their PINs; every admin may list them. Room numbers
 * come from the reserved conference block {@value #BLOCK}xxxx, outside every site's prefix.
 */
@Service
public class RoomService {

    static final String BLOCK = "88";
    static final String ENTITY = "room";
    private static final int GENERATED_PIN_DIGITS = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RoomRepository rooms;
    private final ServiceNumberRepository services;
    private final ExtensionRepository extensions;
    private final ScopeService scopes;
    private final AuditLog audit;

    public RoomService(RoomRepository rooms, ServiceNumberRepository services, ExtensionRepository extensions,
                       ScopeService scopes, AuditLog audit) {
        this.rooms = rooms;
        this.services = services;
        this.extensions = extensions;
        this.scopes = scopes;
        this.audit = audit;
    }

    public List<ConferenceRoom> list(CurrentAdmin me) {
        boolean pins = seesPins(scopes.of(me));
        return rooms.findAll().stream().map(r -> pins ? r : r.withoutPins()).toList();
    }

    public ConferenceRoom get(CurrentAdmin me, String number) {
        ConferenceRoom room = rooms.findByNumber(number).orElseThrow(() -> notFound(number));
        return seesPins(scopes.of(me)) ? room : room.withoutPins();
    }

    @Transactional
    public ConferenceRoom create(CurrentAdmin me, RoomRequest r) {
        Scope scope = manager(me);
        ApiProblems.Checks checks = new ApiProblems.Checks();
        String number = r.number() == null ? "" : r.number().trim();
        if (!number.matches(BLOCK + "\\d{4}")) {
            checks.add("number", "must be 6 digits in the conference block " + BLOCK + "xxxx");
        }
        ConferenceRoom room = checked(checks, number, r, generatePin(null), null);
        if (services.findByNumber(number).isPresent() || extensions.findByNumber(number).isPresent()) {
            throw new ApiProblems.Conflict("number", "number " + number + " is already taken");
        }
        rooms.insert(room);
        audit.record(scope.actor(), "create", ENTITY, number, null, null, room.withoutPins());
        return room;
    }

    @Transactional
    public ConferenceRoom update(CurrentAdmin me, String number, RoomRequest r) {
        Scope scope = manager(me);
        ConferenceRoom before = rooms.findByNumber(number).orElseThrow(() -> notFound(number));
        ConferenceRoom after = checked(new ApiProblems.Checks(), number, r, before.pin(), before.moderatorPin());
        rooms.update(after);
        boolean pinsChanged = !after.pin().equals(before.pin()) || !after.moderatorPin().equals(before.moderatorPin());
        audit.record(scope.actor(), pinsChanged ? "update+pins" : "update", ENTITY, number, null, before.withoutPins(),
                after.withoutPins());
        return after;
    }

    @Transactional
    public void delete(CurrentAdmin me, String number) {
        Scope scope = manager(me);
        ConferenceRoom before = rooms.findByNumber(number).orElseThrow(() -> notFound(number));
        rooms.delete(number);
        audit.record(scope.actor(), "delete", ENTITY, number, null, before.withoutPins(), null);
    }

    /** Validates names and PINs; a PIN left out takes {@code pinDefault}/{@code moderatorDefault} (or a new one). */
    private static ConferenceRoom checked(ApiProblems.Checks checks, String number, RoomRequest r, String pinDefault,
                                          String moderatorDefault) {
        String nameZh = r.nameZh() == null ? "" : r.nameZh().trim();
        if (nameZh.isEmpty() || nameZh.length() > 100) {
            checks.add("nameZh", "required, at most 100 characters");
        }
        String nameEn = r.nameEn() == null || r.nameEn().isBlank() ? null : r.nameEn().trim();
        if (nameEn != null && nameEn.length() > 100) {
            checks.add("nameEn", "at most 100 characters");
        }
        String pin = r.pin() == null ? pinDefault : r.pin().trim();
        if (!pin.matches("\\d{4,12}")) {
            checks.add("pin", "must be 4-12 digits");
        }
        String moderatorPin = r.moderatorPin() == null ? moderatorDefault : r.moderatorPin().trim();
        if (moderatorPin == null) {
            moderatorPin = generatePin(pin);
        }
        if (!moderatorPin.matches("\\d{4,12}")) {
            checks.add("moderatorPin", "must be 4-12 digits");
        } else if (moderatorPin.equals(pin)) {
            checks.add("moderatorPin", "must differ from pin");
        }
        checks.throwIfAny();
        return new ConferenceRoom(number, nameZh, nameEn, pin, moderatorPin);
    }

    /** A random PIN of {@value #GENERATED_PIN_DIGITS} digits, different from {@code other}. */
    static String generatePin(String other) {
        while (true) {
            StringBuilder sb = new StringBuilder(GENERATED_PIN_DIGITS);
            for (int i = 0; i < GENERATED_PIN_DIGITS; i++) {
                sb.append((char) ('0' + RANDOM.nextInt(10)));
            }
            String pin = sb.toString();
            if (!pin.equals(other)) {
                return pin;
            }
        }
    }

    private Scope manager(CurrentAdmin me) {
        Scope scope = scopes.of(me);
        scope.requireWrite();
        scope.requireGlobal("Managing meeting rooms");
        return scope;
    }

    private static boolean seesPins(Scope scope) {
        return scope.global() && scope.admin().role().canWrite();
    }

    private static ApiProblems.NotFound notFound(String number) {
        return new ApiProblems.NotFound("No meeting room " + number);
    }
}
