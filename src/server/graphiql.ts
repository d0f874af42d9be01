/**
 * GraphiQL served by the hub itself: university networks are often offline, and Apollo's default
 * landing page loads Apollo Sandbox from a CDN. The prebuilt browser bundles of graphiql 3 and
 * React 18 come from node_modules and are served under /graphiql/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { DEMO_SECRETS, type Config } from '../config';

const ASSETS: Record<string, { module: string; file: string; type: string }> = {
  'react.js': { module: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { module: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { module: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { module: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

export const GRAPHIQL_ASSET_PREFIX = '/graphiql/';

const cache = new Map<string, Buffer>();

/** The asset at `/graphiql/<name>`, or null when there is no such asset. */
export function graphiqlAsset(name: string): { body: Buffer; type: string } | null {
  const asset = ASSETS[name];
  if (!asset) return null;
  let body = cache.get(name);
  if (!body) {
    const packageDir = path.dirname(require.resolve(`${asset.module}/package.json`));
    body = fs.readFileSync(path.join(packageDir, asset.file));
    cache.set(name, body);
  }
  return { body, type: asset.type };
}

export const FIRST_QUERY = `# Welcome to Campus Graph: one schema over AVN, QR-visit, the
# library, the dormitory and the registrar. Press ▶ to run.
# Ctrl-Space completes; the Docs pane (book icon) describes all.
#
# One student's study card, with data from all five sources.
# Try also: students(where: { nameContains: "Асан" }) { ... }
query StudyCard {
  student(studentNumber: "22030331") {
    fullName
    status
    fundingType
    # AVN: programme, group, grades, orders, tuition
    group {
      name
      programme { code name faculty { name } }
    }
    gpa
    semesters { academicYear semester gpa credits }
    attendanceSummary { lessons present absent attendanceRate }
    orders { number date type status }
    tuitionBalance
    # QR-visit: the latest check-ins
    qrScans(last: 3) { scannedAt result }
    # Library: loans and debt
    libraryDebt
    loans(first: 3, status: CURRENT) { nodes { title dueAt overdue } }
    # Dormitory: where the student lives
    dormitoryPlacement {
      status
      building { name }
      room { number }
    }
    # Registrar ("Single Window"): service requests
    serviceRequests(first: 3) {
      nodes { number status type { name } }
    }
    # The identity registry: this person in every system
    person { records { source localKey method } }
  }
}
`;

/** The analysts' tab: the term's achievement report, ready to run (log in as an analyst first). */
export const ANALYST_QUERY = `# Analysts: the achievement report of a term (5.11), one row per
# faculty (or level: PROGRAMME, GROUP). Log in as an analyst in the
# first tab (analyst / analyst-demo-2026 in the demo): rows of fewer
# than 5 students are withheld (suppressed, figures null).
# Definitions of every figure: Docs → AchievementReportRow.
# The same report as a CSV file for Excel, with the same token:
#   /reports/achievement.csv?level=FACULTY&academicYear=2025-2026&term=SPRING
# Lessons (attendance) are in the current term: academicYear "2026-2027", term AUTUMN.
query AnalystsAchievementReport {
  achievementReport(level: FACULTY, academicYear: "2025-2026", term: SPRING, orderBy: [{ measure: PASS_RATE }], first: 50) {
    minGroupSize
    withheldCount
    nodes {
      group { faculty { name } }
      suppressed
      students studying academicLeave expelled graduated
      averageTotal averagePoints
      excellent good satisfactory failing passRate
      academicDebtors tuitionDebtors
      attendanceRate
    }
    total { students averagePoints passRate academicDebtors tuitionDebtors attendanceRate }
  }
  # Tuition by faculty and contract year, as of a day:
  tuitionStatistics(groupBy: [FACULTY, ACADEMIC_YEAR], asOf: "2026-06-30", first: 10) {
    nodes { group { faculty { name } academicYear } suppressed charged paid debt debtors }
  }
}
`;

/** The demo administrator's built-in password: only then does the page show it (never a configured one). */
const DEMO_ADMIN_PASSWORD = DEMO_SECRETS.ADMIN_PASSWORD;

export function loginQuery(config: Pick<Config, 'demoAccounts' | 'adminLogin' | 'adminPassword'>): string {
  const demo = config.demoAccounts && config.adminPassword === DEMO_ADMIN_PASSWORD;
  return `# Log in first: press ▶. This page then sends the token with every
# request and subscription of this browser tab (other tabs: Headers).
# ${demo ? 'Demo accounts for every role are listed in README → Access.' : 'Ask the department for an account, or use a partner key in Headers.'}
mutation LogIn {
  login(login: "${demo ? config.adminLogin : 'your-login'}", password: "${demo ? config.adminPassword : 'your-password'}") {
    accessToken
    accessTokenExpiresAt
    account { login role }
  }
}
`;
}

function page(config: Pick<Config, 'demoAccounts' | 'adminLogin' | 'adminPassword'>): string {
  const settings = JSON.stringify({ tabs: [{ query: loginQuery(config) }, { query: FIRST_QUERY }, { query: ANALYST_QUERY }] });
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Campus Graph · GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <link rel="stylesheet" href="${GRAPHIQL_ASSET_PREFIX}graphiql.css" />
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${GRAPHIQL_ASSET_PREFIX}react.js"></script>
  <script src="${GRAPHIQL_ASSET_PREFIX}react-dom.js"></script>
  <script src="${GRAPHIQL_ASSET_PREFIX}graphiql.js"></script>
  <script>
    const settings = ${settings.replace(/</g, '\\u003c')};
    const url = new URL('/graphql', window.location.href);
    const wsUrl = new URL('/graphql', window.location.href);
    wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    // The token of the last successful \`login\` in this tab; sent unless Headers set their own.
    const TOKEN = 'campus-graph:accessToken';
    const bearer = () => { const t = sessionStorage.getItem(TOKEN); return t ? 'Bearer ' + t : undefined; };
    const base = GraphiQL.createFetcher({
      url: url.toString(),
      subscriptionUrl: wsUrl.toString(),
      // Plain JSON answers (no multipart stream), so the login's token can be read below.
      enableIncrementalDelivery: false,
      wsConnectionParams: { get authorization() { return bearer(); } },
    });
    const fetcher = async (params, options) => {
      const own = (options && options.headers) || {};
      const hasOwn = Object.keys(own).some((k) => /^(authorization|x-api-key)$/i.test(k));
      const headers = Object.assign({}, !hasOwn && bearer() ? { Authorization: bearer() } : {}, own);
      const result = await base(params, Object.assign({}, options, { headers }));
      const login = result && !(Symbol.asyncIterator in Object(result)) && result.data && result.data.login;
      if (login && login.accessToken) sessionStorage.setItem(TOKEN, login.accessToken);
      return result;
    };
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultTabs: settings.tabs, shouldPersistHeaders: true })
    );
  </script>
</body>
</html>`;
}

/** Apollo landing-page plugin that serves the offline GraphiQL page on GET /graphql from a browser. */
export function graphiqlLandingPage(config: Pick<Config, 'demoAccounts' | 'adminLogin' | 'adminPassword'>): ApolloServerPlugin {
  const html = page(config);
  return {
    async serverWillStart() {
      return { async renderLandingPage() { return { html }; } };
    },
  };
}
