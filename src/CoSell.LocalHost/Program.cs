using CoSell.LocalHost;

WebApplication app = LocalHostApp.Build(args);
await app.RunAsync();

/// <summary>Entry point; <see cref="LocalHostApp.Build"/> composes everything.</summary>
public partial class Program;
