-- Cluster membership (like Orleans' ADO.NET membership table): one row per live silo, refreshed by its heartbeat.
-- A row older than the lease timeout is a dead silo; the next silo to rebalance deletes it and frees its partitions.
CREATE TABLE cluster_silos (
    silo_id       text        PRIMARY KEY,
    joined_at     timestamptz NOT NULL DEFAULT now(),
    heartbeat_at  timestamptz NOT NULL DEFAULT now()
);

-- Partition ownership: grain keys hash to a fixed number of partitions, each leased by at most one silo. The fencing
-- number grows on every change of owner; writes name the number they hold, so a silo that lost the lease (paused,
-- partitioned away) cannot overwrite what the new owner wrote.
CREATE TABLE partition_leases (
    partition    integer     PRIMARY KEY CHECK (partition >= 0),
    owner        text        NULL,
    fencing      bigint      NOT NULL DEFAULT 0,
    changed_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX partition_leases_owner ON partition_leases (owner);
