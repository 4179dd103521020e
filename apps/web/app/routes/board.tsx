import { useEffect, useState } from 'react';
import { Link, useLoaderData } from 'react-router';
import { boardLoader } from '../board/board.server.ts';
import { BoardSession } from '../board/board-session.ts';
import { BoardView } from '../board/board-view.tsx';
import type { Route } from './+types/board.ts';

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Board · ${loaderData?.project.name ?? 'Project'} · Specboard` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  return boardLoader(request, params.orgId, params.projectId);
}

export default function BoardPage({ params }: Route.ComponentProps) {
  const data = useLoaderData<typeof loader>();
  const [session, setSession] = useState<BoardSession | null>(null);
  const { syncUrl, docName, token, user, project } = data;
  // One session per board and person; the session fetches fresh tokens itself.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new token must not reconnect
  useEffect(() => {
    const opened = new BoardSession({
      syncUrl,
      orgId: params.orgId,
      projectId: project.id,
      docName,
      token,
      user,
    });
    setSession(opened);
    return () => opened.destroy();
  }, [docName, user.id]);
  return (
    <div className="page board-page">
      <header className="page-head">
        <div className="grow">
          <p className="crumbs">
            <Link to={`/orgs/${params.orgId}`}>Projects</Link> /{' '}
            <Link to={`/orgs/${params.orgId}/projects/${project.id}`}>{project.name}</Link>
          </p>
          <h1>Board</h1>
        </div>
      </header>
      {session ? (
        <BoardView session={session} data={data} orgId={params.orgId} />
      ) : (
        <p className="muted">Connecting to the board…</p>
      )}
    </div>
  );
}
