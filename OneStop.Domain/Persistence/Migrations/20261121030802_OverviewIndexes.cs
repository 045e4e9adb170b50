using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Domain.Persistence.Migrations
{
    public partial class OverviewIndexes : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_ReceivedAt_DepartmentId",
                table: "Dossiers");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_Open_Department_Received",
                table: "Dossiers",
                columns: new[] { "DepartmentId", "ReceivedAt", "Status" },
                filter: "\"Status\" IN ('Received','InProgress','WaitingSupplement','ResultReady')");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_Open_Department_Status_Appointment",
                table: "Dossiers",
                columns: new[] { "DepartmentId", "Status", "AppointmentAt" },
                filter: "\"Status\" IN ('Received','InProgress','WaitingSupplement','ResultReady')");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_Open_Overview",
                table: "Dossiers",
                columns: new[] { "DepartmentId", "ProcedureId", "CurrentStep", "Status" },
                filter: "\"Status\" IN ('Received','InProgress','WaitingSupplement','ResultReady')");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_Outcome_CompletedAt",
                table: "Dossiers",
                columns: new[] { "Outcome", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_ReceivedAt_DepartmentId_Channel",
                table: "Dossiers",
                columns: new[] { "ReceivedAt", "DepartmentId", "Channel" });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_ReturnedAt_ResultDelivery",
                table: "Dossiers",
                columns: new[] { "ReturnedAt", "ResultDelivery" });
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_Open_Department_Received",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_Open_Department_Status_Appointment",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_Open_Overview",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_Outcome_CompletedAt",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_ReceivedAt_DepartmentId_Channel",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_ReturnedAt_ResultDelivery",
                table: "Dossiers");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_ReceivedAt_DepartmentId",
                table: "Dossiers",
                columns: new[] { "ReceivedAt", "DepartmentId" });
        }
    }
}
