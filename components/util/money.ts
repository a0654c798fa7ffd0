/** Amounts without a currency of their own or the tenant's are shown in this one (as in `<sg-portal-view>`). */
const DEFAULT_CURRENCY = 'USD';

/**
 * An amount in a currency the language's way ("$420.00", "420,00 $US"). A malformed currency
 * code or language tag (both come from data) gives the number alone, never a failure.
 */
export function formatMoney(amount: number, currency = DEFAULT_CURRENCY, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return new Intl.NumberFormat().format(amount);
  }
}
