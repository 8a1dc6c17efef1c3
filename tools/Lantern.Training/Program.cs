using Lantern.Training;

return Cli.Run(args);
