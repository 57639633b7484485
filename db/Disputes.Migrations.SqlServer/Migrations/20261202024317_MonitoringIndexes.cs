using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Disputes.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class MonitoringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Recoveries_RecordedAtUtc",
                table: "Recoveries",
                column: "RecordedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_PlanSteps_Kind_CompletedAtUtc",
                table: "PlanSteps",
                columns: new[] { "Kind", "CompletedAtUtc" },
                filter: "CompletedAtUtc IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PlanSteps_Open_DueAtUtc",
                table: "PlanSteps",
                column: "DueAtUtc",
                filter: "CompletedAtUtc IS NULL AND CancelledAtUtc IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ClosedAtUtc",
                table: "Incidents",
                column: "ClosedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Open_ReportedAtUtc",
                table: "Incidents",
                column: "ReportedAtUtc",
                filter: "Stage IN ('Reported', 'Responding', 'Resolving', 'Resolved')");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Open_TownId_Grade",
                table: "Incidents",
                columns: new[] { "TownId", "Grade" },
                filter: "Stage IN ('Reported', 'Responding', 'Resolving', 'Resolved')");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ReportedAtUtc_TownId_Type",
                table: "Incidents",
                columns: new[] { "ReportedAtUtc", "TownId", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_EscalatedAtUtc",
                table: "Escalations",
                column: "EscalatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_IncidentId",
                table: "Escalations",
                column: "IncidentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Recoveries_RecordedAtUtc",
                table: "Recoveries");

            migrationBuilder.DropIndex(
                name: "IX_PlanSteps_Kind_CompletedAtUtc",
                table: "PlanSteps");

            migrationBuilder.DropIndex(
                name: "IX_PlanSteps_Open_DueAtUtc",
                table: "PlanSteps");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_ClosedAtUtc",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_Open_ReportedAtUtc",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_Open_TownId_Grade",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_ReportedAtUtc_TownId_Type",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Escalations_EscalatedAtUtc",
                table: "Escalations");

            migrationBuilder.DropIndex(
                name: "IX_Escalations_IncidentId",
                table: "Escalations");
        }
    }
}
