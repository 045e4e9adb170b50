using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OneStop.Domain.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<OneStopDbContext>
{
    public OneStopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
