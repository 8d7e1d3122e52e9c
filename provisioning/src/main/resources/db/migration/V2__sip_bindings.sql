-- Durable copy of the SIP location service (RFC 3261 §10): one row per registered contact, with
-- the flow it arrived on, so a restart of the server loses no registrations.

CREATE TABLE sip_bindings (
    aor           VARCHAR(6)    NOT NULL REFERENCES extensions (number) ON DELETE CASCADE,
    contact_uri   VARCHAR(1024) NOT NULL,
    received_host VARCHAR(255)  NOT NULL,
    received_port INT           NOT NULL,
    transport     VARCHAR(8)    NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    call_id       VARCHAR(1024) NOT NULL,
    cseq          BIGINT        NOT NULL,
    q             REAL          NOT NULL,
    user_agent    VARCHAR(255),
    PRIMARY KEY (aor, contact_uri)
);

CREATE INDEX sip_bindings_expires_idx ON sip_bindings (expires_at);
