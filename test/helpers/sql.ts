/**
 * @module test/helpers/sql
 * One-off SQL against a PostgreSQL URL (tests and benches inspect the queue and the schema).
 */
export async function sqlRows(url: string, text: string, values: unknown[] = []): Promise<any[]> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows;
  } finally {
    await c.end();
  }
}
