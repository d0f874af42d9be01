/** `npm run schema`: writes schema/schema.graphql from the code. */
import fs from 'node:fs';
import path from 'node:path';
import { printHubSchema } from './schema';

printHubSchema()
  .then((sdl) => {
    const target = path.resolve(__dirname, '../../schema/schema.graphql');
    fs.writeFileSync(target, sdl);
    process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
  })
  .catch((error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
