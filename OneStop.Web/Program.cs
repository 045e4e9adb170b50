using OneStop.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddOneStop();

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseOneStop();
app.Run();

/// <summary>Entry point; public so that integration tests can host the real app.</summary>
public partial class Program;
