using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Domain.Persistence.PostgreSql.Migrations
{
    /// <summary>
    /// PostgreSQL only (no model change, so SQLite has no counterpart): a statement trigger that NOTIFYs
    /// onestop_dossier_events whenever DossierEvents gets rows. PostgreSQL delivers it at commit, once per transaction
    /// however many rows, and never for a rolled-back one; every writer is covered (the app, the jobs, a script). Each
    /// node's DossierEventTailer LISTENs and reads at once instead of at its next poll.
    /// </summary>
    public partial class DossierEventsNotify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION onestop_notify_dossier_events() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('onestop_dossier_events', '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "DossierEvents_Notify" AFTER INSERT ON "DossierEvents"
                    FOR EACH STATEMENT EXECUTE FUNCTION onestop_notify_dossier_events();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "DossierEvents_Notify" ON "DossierEvents";
                DROP FUNCTION IF EXISTS onestop_notify_dossier_events();
                """);
        }
    }
}
