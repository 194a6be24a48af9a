from seoulplan.cli import main

main(prog_name="seoulplan")
