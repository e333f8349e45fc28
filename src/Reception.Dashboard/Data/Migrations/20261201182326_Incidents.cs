using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reception.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class Incidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UnitNumber = table.Column<string>(type: "TEXT", maxLength: 71, nullable: true),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PersonPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Location = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RaisedByKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RaisedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RaisedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ForwardedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TakenAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TakenByKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    TakenById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TakenByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReopenedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReopenReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Incidents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Incidents_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Incidents_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Incidents_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_DepartmentId",
                table: "Incidents",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_SiteId_DepartmentId",
                table: "Incidents",
                columns: new[] { "SiteId", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_SiteId_RaisedAt",
                table: "Incidents",
                columns: new[] { "SiteId", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_UnitId",
                table: "Incidents",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Incidents");
        }
    }
}
