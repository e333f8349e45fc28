using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reception.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class IncidentFollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IncidentEscalations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Duty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AddresseeIds = table.Column<string>(type: "TEXT", maxLength: 740, nullable: false),
                    AddresseeNames = table.Column<string>(type: "TEXT", maxLength: 2020, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedByKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    AcknowledgedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentEscalations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentEscalations_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentEscalations_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentPromises",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MadeAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MadeByKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MadeById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MadeByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    KeptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    KeptByKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    KeptById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    KeptByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentPromises", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentPromises_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentPromises_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentTimeLimits",
                columns: table => new
                {
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ForwardWithinMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolveWithinMinutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentTimeLimits", x => new { x.SiteId, x.Kind, x.Priority });
                    table.ForeignKey(
                        name: "FK_IncidentTimeLimits_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentEscalations_IncidentId",
                table: "IncidentEscalations",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentEscalations_SiteId_AcknowledgedAt",
                table: "IncidentEscalations",
                columns: new[] { "SiteId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentPromises_IncidentId",
                table: "IncidentPromises",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentPromises_SiteId_State_DueAt",
                table: "IncidentPromises",
                columns: new[] { "SiteId", "State", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentEscalations");

            migrationBuilder.DropTable(
                name: "IncidentPromises");

            migrationBuilder.DropTable(
                name: "IncidentTimeLimits");
        }
    }
}
