-- Meeting rooms of the audio conference bridge. A room's number is a service number of kind
-- 'conference' (so the dial plan routes it and no extension can take it); the PINs are what
-- callers type on their keypads. PINs are kept readable: moderators are told them by the
-- admins who create rooms, like a meeting's passcode. Plain SQL for H2 and PostgreSQL.

CREATE TABLE conference_rooms (
    number        VARCHAR(16) NOT NULL PRIMARY KEY REFERENCES service_numbers (number) ON DELETE CASCADE,
    pin           VARCHAR(12) NOT NULL,
    moderator_pin VARCHAR(12) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT conference_rooms_pins_differ CHECK (pin <> moderator_pin)
);
