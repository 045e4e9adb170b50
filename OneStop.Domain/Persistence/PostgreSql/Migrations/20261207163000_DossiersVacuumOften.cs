using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Domain.Persistence.PostgreSql.Migrations
{
    /// <summary>
    /// PostgreSQL only (no model change, so SQLite has no counterpart): autovacuum visits the dossier table after 1% of
    /// its rows changed instead of PostgreSQL's 20%. The overview counts the open dossiers from covering partial indexes
    /// (index-only scans), which stay index-only only while the table's visibility map is fresh; the open dossiers are the
    /// rows the workflow and the sweep update all day. At a million dossiers the overview's open-dossier counts took
    /// 120 ms with a stale map against 14 ms after a VACUUM (README, PostgreSQL beside SQLite); with the default a million-row
    /// table waited for 200,000 changed rows, weeks of a center's work, before its next vacuum.
    /// </summary>
    public partial class DossiersVacuumOften : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Dossiers" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Dossiers" RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor);
                """);
        }
    }
}
