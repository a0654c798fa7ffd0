/**
 * Statements that have `s`'s clients table note, for each client inserted, the named settings of
 * the session inserting it: one row in `s.session_settings` (`client_id`, then one column per
 * setting). How a test reads what a session sitegate opened runs with.
 */
export function noteSessionSettings(s: string, settings: readonly string[]): string[] {
  return [
    `CREATE TABLE ${s}.session_settings (client_id text, ${settings.map((name) => `${name} text`).join(', ')})`,
    `CREATE FUNCTION ${s}.note_session_settings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ${s}.session_settings VALUES (NEW.id, ${settings.map((name) => `current_setting('${name}')`).join(', ')});
        RETURN NEW;
      END $$`,
    `CREATE TRIGGER note_session_settings BEFORE INSERT ON ${s}.clients FOR EACH ROW EXECUTE FUNCTION ${s}.note_session_settings()`,
  ];
}
