using BridgeBot.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddBridgeBot();

var app = builder.Build();
app.MapBridgeBot();
app.Run();

/// <summary>Entry point; public so that end-to-end tests can start the host with WebApplicationFactory.</summary>
public partial class Program;
