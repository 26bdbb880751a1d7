"""gunicorn settings for the load run: each worker scores one answer before serving.

The first answer a process scores loads the engine's model (about 2 s of CPU,
far more on a busy machine); without this the first submit served by each
worker would carry that cost and the load run would measure cold starts.

    gunicorn bench.wsgi -c bench/gunicorn_warm.py
"""


def post_worker_init(worker) -> None:
    from ruptures.rubric import assess

    assess("notice", "I notice you went quiet when I mentioned the homework.")
