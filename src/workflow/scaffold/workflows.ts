/**
 * The GitHub Actions workflows `spog init` writes, adapted from spog's own (.github/workflows/):
 * the pull-request check (validate, the registry diff report as a comment and in the job summary,
 * CODEOWNERS, the site builds) and the publication on main (validate, build, deploy to GitHub
 * Pages with the official actions, alerts). spog is always run as `npx --no-install spog`, which
 * uses the repository's own spog and never fetches a package of that name from the npm registry.
 */

/** Node version the workflows set up (spog's site builder needs Node 22 or later). */
const NODE = 24;

const SETUP = `      - uses: actions/setup-node@v4
        with:
          node-version: ${NODE}
          cache: npm

      - run: npm ci --no-audit --no-fund`;

/** .github/workflows/pr.yml */
export function prWorkflow(): string {
  return `# Pull-request check of the model registry (written by spog init): validate, post what the change
# does as a comment (spog diff), check CODEOWNERS and that the site builds.
name: Registry pull request

on:
  pull_request:

permissions:
  contents: read
  pull-requests: write # to post and update the report comment

concurrency:
  group: spog-pr-\${{ github.event.pull_request.number }}
  cancel-in-progress: true

jobs:
  check:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # spog diff reads the base branch; model pages read the history

${SETUP}

      - name: Validate the registry
        run: npx --no-install spog validate

      - name: Registry diff report
        env:
          BASE_REF: \${{ github.base_ref }} # passed through env, never pasted into the script
        run: |
          npx --no-install spog diff "origin/$BASE_REF" --format markdown > spog-diff.md
          cat spog-diff.md >> "$GITHUB_STEP_SUMMARY"

      - name: Post or update the report comment
        # A pull request from a fork gets a read-only token: the report is in the job summary instead.
        if: github.event.pull_request.head.repo.full_name == github.repository
        uses: actions/github-script@v7
        with:
          script: |
            const fs = require('fs');
            const marker = '<!-- spog-diff -->';
            let body = fs.readFileSync('spog-diff.md', 'utf8');
            // GitHub refuses comments over 65,536 characters.
            if (body.length > 60000) body = body.slice(0, 60000) + '\\n\\n…report truncated: the full report is in the job summary of this run.\\n';
            const { owner, repo } = context.repo;
            const issue_number = context.issue.number;
            const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
            const previous = comments.find((c) => c.user?.type === 'Bot' && c.body?.startsWith(marker));
            if (previous) await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body });
            else await github.rest.issues.createComment({ owner, repo, issue_number, body });

      - name: CODEOWNERS matches the model cards
        run: npx --no-install spog codeowners --check

      - name: The site builds
        run: npx --no-install spog build
`;
}

/** .github/workflows/main.yml */
export function mainWorkflow(): string {
  return `# Publish the dashboard (written by spog init): on every push to main and once a day (health
# changes with time: a model without new metrics goes stale), validate, build the site, deploy it
# to GitHub Pages, then send alerts for the models whose health changed. Pages must be enabled
# with "Source: GitHub Actions" (Settings > Pages). Set the repository secret SPOG_SLACK_WEBHOOK
# (a Slack incoming-webhook URL, or any Slack-compatible one) to get alerts in chat; without it
# they go to the job summary only.
name: Publish the dashboard

on:
  push:
    branches: [main]
  schedule:
    - cron: "23 5 * * *" # daily, 05:23 UTC
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: spog-pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # model pages show each model's git history (audit trail)

${SETUP}

      - id: pages
        uses: actions/configure-pages@v5

      - name: Validate the registry
        run: npx --no-install spog validate

      # Evaluated models, keyed by the content of their files: a push that touches one model
      # evaluates one model again. Safe to lose.
      - uses: actions/cache@v4
        with:
          path: .cache/spog/models
          key: spog-models-\${{ github.sha }}
          restore-keys: spog-models-

      - name: Build the site
        env:
          SPOG_SITE: \${{ steps.pages.outputs.origin }}
          SPOG_BASE: \${{ steps.pages.outputs.base_path }}/
        run: npx --no-install spog build

      - uses: actions/upload-pages-artifact@v3
        with:
          path: dist

  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    outputs:
      page_url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4

  alerts:
    needs: deploy
    if: github.event_name == 'push' || github.event_name == 'schedule'
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # --since needs the commit before this push

${SETUP}

      - name: Alerts
        env:
          SPOG_SLACK_WEBHOOK: \${{ secrets.SPOG_SLACK_WEBHOOK }}
          EVENT: \${{ github.event_name }}
          BEFORE: \${{ github.event.before }}
          SITE_URL: \${{ needs.deploy.outputs.page_url }}
        run: |
          # A push: health before it vs now. The daily run: the changes of the day (staleness).
          SINCE=()
          if [ "$EVENT" = push ]; then
            # After a force-push the commit before it is not on the branch: fetch it by id, else
            # report as for a first push (the null commit: transitions on the as-of day).
            if ! git cat-file -e "$BEFORE^{commit}" 2>/dev/null; then
              git fetch --no-tags --quiet origin "$BEFORE" 2>/dev/null || true
            fi
            if ! git cat-file -e "$BEFORE^{commit}" 2>/dev/null; then
              BEFORE=0000000000000000000000000000000000000000
            fi
            SINCE=(--since "$BEFORE")
          fi
          if [ -n "$SPOG_SLACK_WEBHOOK" ]; then
            npx --no-install spog alerts "\${SINCE[@]}" --site-url "$SITE_URL" --webhook "$SPOG_SLACK_WEBHOOK" >> "$GITHUB_STEP_SUMMARY"
          else
            echo "SPOG_SLACK_WEBHOOK is not set: alerts go to this summary only." >&2
            npx --no-install spog alerts "\${SINCE[@]}" --site-url "$SITE_URL" >> "$GITHUB_STEP_SUMMARY"
          fi
`;
}
