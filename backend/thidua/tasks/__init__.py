"""Running the queue's tasks (thidua/core/tasks.py declares and defers them): the worker command on
PostgreSQL (`worker.py`, procrastinate) and the single-machine worker in the API process
(`inprocess.py`)."""
