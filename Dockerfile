# Exercism's test runner image for gradecheck's assignments: Exercism runs
# `bin/run.sh <slug> <input dir> <output dir>` in it, without network, within 20 s and 3 GB.
FROM node:24-bookworm-slim
WORKDIR /opt/test-runner
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && npm cache clean --force
COPY . .
ENTRYPOINT ["sh", "/opt/test-runner/bin/run.sh"]
