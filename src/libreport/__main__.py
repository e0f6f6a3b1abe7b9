from libreport.cli import main

main()
