CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    title VARCHAR(200) NOT NULL,
    body TEXT,
    status VARCHAR(20) NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'pending', 'closed')),
    reporter_id INTEGER NOT NULL REFERENCES users (id),
    assignee_id INTEGER REFERENCES users (id),
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX ix_tickets_status ON tickets (status);

INSERT INTO tickets (title, body, status, reporter_id, assignee_id) VALUES
    ('Login page times out', 'Happens after 30 s on the VPN.', 'open', 1, 2),
    ('Export to CSV drops accents', 'Names like "Zoë" lose the diaeresis.', 'pending', 3, 2),
    ('Typo on the pricing page', NULL, 'closed', 2, NULL);

