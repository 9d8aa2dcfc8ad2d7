/** A sentence with `{name}` placeholders filled in (the dashboard's `fill` brings Intl formats the sidebar doesn't need). */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
