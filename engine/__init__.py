"""The engine: taskiq broker and tasks, account runners, the flow interpreter, pacing."""
