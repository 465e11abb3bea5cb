'use client';

import type { Overview } from './workshop-api';

const mb = (b: number) => `${(b / 1_048_576).toFixed(0)} MB`;

/** Cluster mode: every node in the room as its heartbeat reports it, and the runs each holds. */
export function NodeList({ room }: { room: Overview['room'] }) {
  return (
    <section className="panel" aria-labelledby="dash-nodes">
      <div className="panel__header">
        <h2 className="panel__title" id="dash-nodes">
          Nodes ({room.nodes.filter((n) => n.alive).length} up)
        </h2>
        <span className="pill" data-testid="room-runs">
          room: {room.runs} runs, {room.rate} req/s reserved
        </span>
      </div>
      <div className="panel__body" style={{ overflowX: 'auto' }}>
        <table className="dash-table" data-testid="node-table">
          <thead>
            <tr>
              <th>Node</th>
              <th>State</th>
              <th>CPU</th>
              <th>Sandboxes</th>
              <th>Disk</th>
              <th>Runs</th>
            </tr>
          </thead>
          <tbody>
            {room.nodes.map((n) => (
              <tr key={n.id} data-testid={`node-${n.id}`}>
                <td>
                  {n.id}
                  {n.id === room.self ? ' (this page)' : ''}
                </td>
                <td>
                  <span className={`pill ${n.alive ? 'pill--ok' : 'pill--bad'}`}>
                    {n.alive ? 'up' : `no heartbeat for ${Math.round(n.heartbeatAgeMs / 1000)} s`}
                  </span>
                </td>
                <td>{n.cpuPct.toFixed(0)}%</td>
                <td>{n.sandboxes}</td>
                <td>{mb(n.diskBytes)}</td>
                <td>
                  {n.runs} ({n.rate} req/s)
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
