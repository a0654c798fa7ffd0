import { cpus, totalmem, loadavg } from 'node:os';

export function machineInfo() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    ramGb: (totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    load: loadavg()[0].toFixed(2),
  };
}

const cell = (text) => String(text ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ');

/** One markdown table: the machine first, then every figure under its section. */
export function renderTable(machine, rows, { quick, full }) {
  const mode = quick ? 'quick' : full ? 'full' : 'default';
  const lines = [
    `| sitegate benchmarks | ${cell(`${machine.cpu} · ${machine.cores} cores · ${machine.ramGb} GB RAM · Node ${machine.node} · ${machine.date} · load ${machine.load} · ${mode} run`)} | | | | |`,
    '|---|---|---|---|---|---|',
    '| **figure** | **value** | **baseline (same run)** | **ratio** | **target** | **note** |',
  ];
  let section;
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      lines.push(`| **${cell(section)}** | | | | | |`);
    }
    const target = row.target ? `${row.target}${row.met === undefined ? '' : row.met ? ' — met' : ' — **not met**'}` : '';
    lines.push(`| ${cell(row.figure)} | ${cell(row.value)} | ${cell(row.baseline)} | ${cell(row.ratio)} | ${cell(target)} | ${cell(row.note)} |`);
  }
  return `${lines.join('\n')}\n`;
}
