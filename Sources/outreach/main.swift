import OutreachCLI

OutreachCLI.main()
