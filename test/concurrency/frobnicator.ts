/**
 * The record both concurrency suites edit: a summary-format decision under discussion with two
 * open action items, whose context section is `context` (a line, or many paragraphs to make the
 * write take measurable time).
 */
export function frobnicatorRecord(context: string[]): string {
  return [
    '# Adopt the frobnicator',
    '',
    '[🚪 ← Back to Decisions Overview](../DECISIONS.md)',
    '',
    '## Decision Summary',
    '',
    '**Status**: ❓ **Under Discussion**\\',
    '**Priority**: 🔴 **Urgent** (this week)\\',
    '**Date**: 2025-08-01\\',
    '**Category**: 🏗️ Infrastructure',
    '',
    '## Action Items',
    '',
    '### 🔴 This Week (Urgent)',
    '',
    '- [ ] Order the frobnicator',
    '- [ ] Train the team',
    '',
    '---',
    '',
    '## Context & Problem',
    '',
    ...context,
    '_Status: ❓ Under Discussion_',
    '',
  ].join('\n');
}
