/**
 * The attackers of `npm run bench:abuse`, in a process of their own (so their work is not charged
 * to the legitimate client's measurements): `attacker.ts <graphql url> <seconds> <rate per client> <kind>=<clients>…`.
 * Prints one JSON line with the tally of every attack when the time is up.
 */
import { ATTACK_KINDS, runAttack, type AttackKind } from './attacks';

async function main(): Promise<void> {
  const [target, seconds, rate, ...specs] = process.argv.slice(2);
  const until = Date.now() + Number(seconds) * 1000;
  let address = 0;
  const runs = specs.map((spec) => {
    const [kind, clients] = spec.split('=');
    if (!ATTACK_KINDS.includes(kind as AttackKind)) throw new Error(`unknown attack ${kind}`);
    const first = address;
    address += Number(clients);
    return runAttack(kind as AttackKind, target, Number(clients), Number(rate), first, until);
  });
  process.stdout.write(`${JSON.stringify(await Promise.all(runs))}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
