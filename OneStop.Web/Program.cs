using OneStop.Web.Hosting;
using OneStop.Web.Operations;

// Operations commands run instead of the web host: nothing listens, no job starts (see Operations/).
if (args is [CopyDatabaseCommand.Verb, .. var rest])
    return await CopyDatabaseCommand.RunAsync(rest, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
builder.AddOneStop();

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseOneStop();
app.Run();
return 0;

/// <summary>Entry point; public so that integration tests can host the real app.</summary>
public partial class Program;
