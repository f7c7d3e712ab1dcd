-- Routes an operator suspended on the ops page: they stay suspended across a restart and on
-- whichever instance of a cluster starts them next, until an operator resumes or restarts them.
CREATE TABLE route_suspension (
    route_id     VARCHAR(200)             NOT NULL PRIMARY KEY,
    suspended_by VARCHAR(200)             NOT NULL,
    suspended_at TIMESTAMP WITH TIME ZONE NOT NULL
);
