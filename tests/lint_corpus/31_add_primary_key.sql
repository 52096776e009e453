ALTER TABLE legacy_imports ADD PRIMARY KEY (import_id);
