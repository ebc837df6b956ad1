/**
 * JUnit XML for Azure DevOps' Publish Test Results: a testsuite per stack and a testcase per
 * rule x resource finding. Findings that fail the gate are failures; waived findings are skipped
 * with the waiver's justification; unwaived findings under the threshold are skipped too, saying
 * so, so the test tab agrees with the exit code. A stack with no findings gets one passing case so
 * it still shows in the results.
 */
import type { CheckRun, Finding, Severity } from '../types';
import { isBlocking, rulesById, sortFindings, sourceText, waiverText } from './summary';
import { TOOL_NAME } from '../../util/package-root';
import { escapeXml as x } from './xml';

interface Case {
  readonly xml: string;
  readonly failed: boolean;
  readonly skipped: boolean;
}

function findingCase(finding: Finding, title: string | undefined, threshold: Severity): Case {
  const name = `${finding.ruleId} ${finding.address}`;
  const open = `    <testcase classname="${x(`${TOOL_NAME}.${finding.stack}.${finding.ruleId}`)}" name="${x(name)}" time="0">`;
  const details = [
    `${finding.severity.toUpperCase()} ${finding.ruleId}${title ? `: ${title}` : ''}`,
    `Stack: ${finding.stack}`,
    `Resource: ${finding.address}`,
    finding.constructPath ? `Construct: ${finding.constructPath}` : '',
    sourceText(finding) ? `Source: ${sourceText(finding)}` : '',
    `Outcome: ${finding.outcome}`,
    finding.message,
  ]
    .filter(Boolean)
    .join('\n');
  if (finding.waiver) {
    return {
      xml: `${open}\n      <skipped message="${x(waiverText(finding.waiver))}"/>\n    </testcase>`,
      failed: false,
      skipped: true,
    };
  }
  if (!isBlocking(finding, threshold)) {
    const message = `below the ${threshold} threshold: ${finding.severity} ${finding.message}`;
    return { xml: `${open}\n      <skipped message="${x(message)}"/>\n    </testcase>`, failed: false, skipped: true };
  }
  const failure = `      <failure message="${x(finding.message)}" type="${x(finding.severity)}">${x(details)}</failure>`;
  return { xml: `${open}\n${failure}\n    </testcase>`, failed: true, skipped: false };
}

function passingCase(stack: string): Case {
  return {
    xml: `    <testcase classname="${x(`${TOOL_NAME}.${stack}`)}" name="${x(`${stack}: no findings`)}" time="0"/>`,
    failed: false,
    skipped: false,
  };
}

export function formatJunit(run: CheckRun, threshold: Severity): string {
  const rules = rulesById(run);
  const findings = sortFindings(run.findings);
  // Stacks in the run first, then any stack a finding names that the inventory does not.
  const names = [...new Set([...run.stacks.map((s) => s.name), ...findings.map((f) => f.stack)])];
  let tests = 0;
  let failures = 0;
  const suites = names.map((stack) => {
    const mine = findings.filter((f) => f.stack === stack);
    const cases = mine.length
      ? mine.map((f) => findingCase(f, rules.get(f.ruleId)?.title, threshold))
      : [passingCase(stack)];
    const suite = {
      tests: cases.length,
      failures: cases.filter((c) => c.failed).length,
      skipped: cases.filter((c) => c.skipped).length,
    };
    tests += suite.tests;
    failures += suite.failures;
    return [
      `  <testsuite name="${x(stack)}" tests="${suite.tests}" failures="${suite.failures}" errors="0" skipped="${suite.skipped}" time="0" timestamp="${x(run.generatedAt.replace(/\.\d+Z$|Z$/, ''))}">`,
      ...cases.map((c) => c.xml),
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${x(`${TOOL_NAME} check (threshold ${threshold})`)}" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
