from lacha.cli import app

app(prog_name="lacha")
