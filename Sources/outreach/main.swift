import OutreachCLI

await OutreachCLI.main()
