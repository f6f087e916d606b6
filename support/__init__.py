"""What tests and the bench share to run real processes: a free loopback port, the
`celery worker` command line, and stopping a process group. Neither an app nor
part of the product: nothing in the apps imports it."""
