import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidOptionsError } from '../runtime/index.js';

const DESK_YAML = `# A desk of your own: it adds to the shipped demo desk (technical, billing, general) and may
# replace any of its departments, intents or articles by giving one the same name.
# Every field: docs/desk.md. Check it with \`swarmdesk check <this folder>\`.
name: My support desk
extends: demo
languages: [cs, en]
departments:
  shipping:
    title: { en: Orders and delivery, cs: Objednávky a doručení }
    description: Orders, deliveries and returns
    instances: { min: 1, max: 4 }
`;

const INTENTS_YAML = `# The messages customers write for each intent. Ten or more per language route well; write
# them as customers do (colloquial, short, without diacritics too).
intents:
  where_is_my_order:
    department: shipping
    description: { en: Where an order or a parcel is, cs: Kde je objednávka nebo balík }
    examples:
      en:
        - Where is my parcel?
        - My order has not arrived yet
        - When will my package be delivered?
        - Can you track my order for me?
        - The delivery is late, where is it?
        - I ordered a week ago and still nothing
        - Has my order been shipped?
        - tracking number for my order please
        - my package says delivered but I do not have it
        - how long does delivery take to my address
      cs:
        - Kde je můj balík?
        - Objednávka mi ještě nedorazila
        - Kdy mi přijde zásilka?
        - Můžete mi dohledat objednávku?
        - Doručení se zpozdilo, kde je?
        - objednal jsem pred tydnem a porad nic
        - Byla už moje objednávka odeslána?
        - cislo zasilky pro sledovani prosim
        - balik je podle sledovani doruceny ale nemam ho
        - Jak dlouho trvá doručení na moji adresu?
`;

const ARTICLE = {
  en: `---
title: Where is my order?
department: shipping
intents: [where_is_my_order]
keywords: [parcel, package, delivery, tracking]
---
1. Open **Orders** in your account and pick the order: its status and tracking link are there.
2. Orders ship within one business day; delivery takes two to three business days.
3. If the tracking says delivered and you have nothing, reply and we will open a claim with the carrier.
`,
  cs: `---
title: Kde je moje objednávka?
department: shipping
intents: [where_is_my_order]
keywords: [balík, zásilka, doručení, sledování]
---
1. V účtu otevřete **Objednávky** a vyberte objednávku: najdete tam její stav a odkaz na sledování.
2. Objednávky odesíláme do jednoho pracovního dne, doručení trvá dva až tři pracovní dny.
3. Pokud je zásilka podle sledování doručená a nic nemáte, odpovězte nám a reklamujeme ji u dopravce.
`,
};

/** `swarmdesk init <dir>`: a desk that extends the demo with one example department, to start from. */
export function initDesk(dir: string): string[] {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new InvalidOptionsError(`${dir} is not empty: init writes a new desk into an empty or new folder`);
  }
  const files: Array<[string, string]> = [
    ['desk.yaml', DESK_YAML],
    [join('intents', 'shipping.yaml'), INTENTS_YAML],
    [join('knowledge', 'en', 'where-is-my-order.md'), ARTICLE.en],
    [join('knowledge', 'cs', 'where-is-my-order.md'), ARTICLE.cs],
  ];
  for (const [file, text] of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return files.map(([file]) => join(dir, file));
}
