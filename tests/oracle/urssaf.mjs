// URSSAF's rules engine as an oracle: modele-social (the rules of mon-entreprise.urssaf.fr) run by publicodes.
// Reads {"date": "dd/mm/yyyy", "activities": [...], "households": [...], "full": [...]} as JSON on stdin and
// writes the engine's answers, in euros a year, as JSON on stdout, in one Node process for the whole grid.
//   activity  {category, turnover, vl}: contributions (cotisations, CFP, TFC), versement libératoire and its
//             ceiling, the micro-entreprise's taxable income ("revenu abattu");
//   household {category, turnover, couple, children, other}: the household's income tax with the engine's
//             taxable income of that activity added to `other`, and without it;
//   full      {category, turnover, couple, children, other}: the household's income tax through the whole
//             engine (checks that the household shortcut above gives what the engine gives).
// The engine rounds each monthly contribution to the euro (`arrondi`); the calculator keeps cents, so the
// rounding is taken out of those rules before comparing: the rates and rules are what is compared.
import Engine from 'publicodes'
import rules from 'modele-social'

const CATEGORIES = {
  micro_bnc: {"entreprise . activité . nature": "'libérale'",
              "entreprise . activité . nature . libérale . réglementée": "non"},
  micro_bic_services: {"entreprise . activité . nature": "'commerciale'",
                       "entreprise . activités . service ou vente": "'service'"},
  micro_bic_sales: {"entreprise . activité . nature": "'commerciale'",
                    "entreprise . activités . service ou vente": "'vente'"},
}
const CONTRIBUTIONS = "dirigeant . auto-entrepreneur . cotisations et contributions"
const TAX = "impôt . foyer fiscal . impôt sur le revenu"

function withoutRounding(node) {
  if (Array.isArray(node)) return node.map(withoutRounding)
  if (node === null || typeof node !== 'object') return node
  return Object.fromEntries(Object.entries(node).filter(([key]) => key !== 'arrondi')
    .map(([key, value]) => [key, withoutRounding(value)]))
}

const grid = JSON.parse(await new Promise(resolve => {
  let text = ''
  process.stdin.on('data', chunk => { text += chunk }).on('end', () => resolve(text))
}))
const model = Object.fromEntries(Object.entries(rules).map(([name, rule]) =>
  [name, name.startsWith(CONTRIBUTIONS) ? withoutRounding(rule) : rule]))
const built = performance.now()
const engine = new Engine(model, {logger: {log() {}, warn() {}, error() {}}})
if (process.env.ORACLE_TIMES) process.stderr.write(`engine: ${Math.round(performance.now() - built)} ms\n`)
const date = `'${grid.date}'`
const yearly = rule => engine.evaluate({valeur: rule, unité: '€/an'}).nodeValue ?? 0
const household = ({couple, children}) => ({
  "impôt . foyer fiscal . situation de famille": couple ? "'couple'" : "'célibataire'",
  "impôt . foyer fiscal . enfants à charge": `${children}`,
})
const micro = ({category, turnover, vl}) => ({
  "entreprise . catégorie juridique": "'EI'", "entreprise . catégorie juridique . EI . auto-entrepreneur": "oui",
  "entreprise . imposition": "'IR'", "dirigeant . exonérations . ACRE": "non",
  "impôt . méthode de calcul": "'barème standard'", date, ...CATEGORIES[category],
  "dirigeant . auto-entrepreneur . chiffre d'affaires": `${turnover} €/an`,
  "dirigeant . auto-entrepreneur . impôt . versement libératoire": vl ? 'oui' : 'non',
})

const abattu = new Map()
const untaxed = new Map()
let ceiling
function activity(item) {
  engine.setSituation(micro(item))
  const answer = {
    contributions: yearly(CONTRIBUTIONS), cotisations: yearly(`${CONTRIBUTIONS} . cotisations`),
    cfp: yearly(`${CONTRIBUTIONS} . CFP`), tfc: yearly(`${CONTRIBUTIONS} . TFC`),
    taxable: yearly("entreprise . imposition . régime . micro-entreprise . revenu abattu"),
  }
  if (item.vl) {
    answer.versement_liberatoire = yearly("dirigeant . auto-entrepreneur . impôt . versement libératoire . montant")
    // The ceiling is the same for every activity (and costly: the engine re-evaluates the previous year).
    ceiling ??= yearly("dirigeant . auto-entrepreneur . impôt . versement libératoire . plafond")
    answer.vl_ceiling = ceiling
  }
  abattu.set(`${item.category} ${item.turnover}`, answer.taxable)
  return answer
}
function taxOn(item, income) {
  engine.setSituation({date, ...household(item), "impôt . foyer fiscal . revenu imposable": `${income} €/an`})
  return yearly(TAX)
}
function householdTax(item) {
  const key = `${item.category} ${item.turnover}`
  if (!abattu.has(key)) activity({...item, vl: false})
  const taxable = abattu.get(key)
  const alone = `${item.couple} ${item.children} ${item.other}`
  if (!untaxed.has(alone)) untaxed.set(alone, taxOn(item, item.other))
  return {taxable, with: taxOn(item, item.other + taxable), without: untaxed.get(alone)}
}
function full(item) {
  engine.setSituation({...micro({...item, vl: false}), ...household(item),
                       "impôt . foyer fiscal . revenu imposable . autres revenus imposables": `${item.other} €/an`})
  return {tax: yearly(TAX), taxable: yearly("impôt . foyer fiscal . revenu imposable")}
}

const timed = (name, run) => {
  const start = performance.now()
  const answers = run()
  if (process.env.ORACLE_TIMES) process.stderr.write(`${name}: ${Math.round(performance.now() - start)} ms\n`)
  return answers
}
process.stdout.write(JSON.stringify({
  activities: timed('activities', () => grid.activities.map(activity)),
  households: timed('households', () => grid.households.map(householdTax)),
  full: timed('full', () => grid.full.map(full)),
}))
