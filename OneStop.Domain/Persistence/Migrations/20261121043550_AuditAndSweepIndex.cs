using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Domain.Persistence.Migrations
{
    public partial class AuditAndSweepIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<int>(type: "INTEGER", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Details = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            // Databases made before this migration have the table already: the hand-over scan created it on first use.
            migrationBuilder.Sql("CREATE TABLE IF NOT EXISTS \"DeadlineCursors\" (\"Name\" TEXT NOT NULL CONSTRAINT \"PK_DeadlineCursors\" PRIMARY KEY, \"Value\" INTEGER NOT NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_Open_Class_Appointment",
                table: "Dossiers",
                columns: new[] { "DeadlineClass", "AppointmentAt" },
                filter: "\"Status\" IN ('Received','InProgress','WaitingSupplement','ResultReady')");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Area_At",
                table: "AuditEntries",
                columns: new[] { "Area", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "DeadlineCursors");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_Open_Class_Appointment",
                table: "Dossiers");
        }
    }
}
