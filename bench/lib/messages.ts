/**
 * A realistic mix for the pipeline scenarios: Czech (with and without diacritics) and English, every
 * department, some escalations and some multi-intent messages.
 */
export const MESSAGE_MIX: Array<{ customerId: string; message: string }> = [
  { customerId: 'CUST001', message: 'Aplikace se mi stále zasekává při přihlášení' },
  { customerId: 'CUST002', message: 'Kdy mi přijde faktura za tento měsíc?' },
  { customerId: 'CUST001', message: 'Jak mohu změnit své nastavení profilu?' },
  { customerId: 'CUST003', message: 'The app crashes every time I open the reports tab on Android' },
  { customerId: 'CUST004', message: 'I was charged twice for my subscription this month' },
  { customerId: 'CUST002', message: 'nefunguje mi prihlaseni, porad to pise chybne heslo' },
  { customerId: 'CUST005', message: 'How do I invite a new colleague to our team workspace?' },
  { customerId: 'CUST001', message: 'Potřebuji upravit DIČ a adresu firmy na fakturách' },
  { customerId: 'CUST006', message: 'What are your support opening hours?' },
  { customerId: 'CUST003', message: 'the app crashes when I open my invoice, and I was charged twice' },
  { customerId: 'CUST002', message: 'aplikace mi pada pri synchronizaci a navic mi prisla faktura dvakrat' },
  { customerId: 'CUST004', message: 'I want to speak to a human, this is the third time I am writing' },
  { customerId: 'CUST005', message: 'Jak si můžu přepnout jazyk aplikace do angličtiny?' },
  { customerId: 'CUST006', message: 'Can I get a refund for the annual plan I bought yesterday?' },
  { customerId: 'CUST001', message: 'Synchronizace mezi telefonem a počítačem nefunguje od včerejška' },
  { customerId: 'UNKNOWN42', message: 'How do I reset my password?' },
  { customerId: 'CUST003', message: 'My card payment keeps failing when I try to upgrade to Premium' },
  { customerId: 'CUST002', message: 'Chci zrušit předplatné ke konci měsíce' },
  { customerId: 'CUST004', message: 'Two-factor codes from the authenticator are rejected' },
  { customerId: 'CUST005', message: 'Kde najdu informace o zpracování osobních údajů?' },
];

export function queryBodies(): string[] {
  return MESSAGE_MIX.map((m) => JSON.stringify(m));
}
