#include "runtime/incident_table.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

using namespace writ;

namespace {

struct Fixture {
  compiler::RecordLayout layout = finished();
  runtime::IncidentShape shape{layout};
  runtime::IncidentPool pool{shape.bytes()};
  runtime::IncidentTable table;

  static compiler::RecordLayout finished() {
    compiler::RecordLayout l;
    l.finish();
    return l;
  }
  runtime::Incident& add(compiler::StringId id, std::string text) {
    auto incident = runtime::Incident::make(shape, pool);
    incident->id = std::move(text);
    return table.insert(id, std::move(incident));
  }
  std::vector<std::string> order() {
    std::vector<std::string> out;
    for (const runtime::Incident* incident : table.in_order()) out.push_back(incident->id);
    return out;
  }
};

}  // namespace

TEST_CASE("incident table: found by id, gone once erased", "[runtime][incident_table]") {
  Fixture f;
  CHECK(f.table.find(7) == nullptr);
  runtime::Incident& seven = f.add(7, "I-7");
  f.add(2, "I-2");
  CHECK(f.table.find(7) == &seven);
  CHECK(f.table.find(3) == nullptr);
  CHECK(f.table.find(1000) == nullptr);
  CHECK(f.table.size() == 2);
  f.table.erase(7);
  f.table.erase(7);
  f.table.erase(1000);
  CHECK(f.table.find(7) == nullptr);
  CHECK(f.table.size() == 1);
}

TEST_CASE("incident table: in text order as incidents open and go", "[runtime][incident_table]") {
  Fixture f;
  f.add(5, "I-5");
  f.add(1, "I-10");
  f.add(3, "I-3");
  // Text order, not id order: "I-10" < "I-3" < "I-5".
  CHECK(f.order() == std::vector<std::string>{"I-10", "I-3", "I-5"});
  f.add(9, "I-0");
  f.add(4, "I-4");
  f.table.erase(3);
  CHECK(f.order() == std::vector<std::string>{"I-0", "I-10", "I-4", "I-5"});
  f.add(2, "I-2");
  f.table.erase(2);  // added and gone between two walks
  f.table.erase(5);
  f.add(5, "I-5");  // gone and back
  CHECK(f.order() == std::vector<std::string>{"I-0", "I-10", "I-4", "I-5"});
  CHECK(f.order() == std::vector<std::string>{"I-0", "I-10", "I-4", "I-5"});
}

TEST_CASE("incident table: the order of many incidents matches a sort", "[runtime][incident_table]") {
  Fixture f;
  std::vector<std::string> expected;
  for (compiler::StringId id = 1; id <= 3000; ++id) {
    std::string text = "INC-" + std::to_string(id * 7919 % 3001);
    f.add(id, text);
    if (id % 3 == 0) f.table.erase(id - 1);
    if (id % 500 == 0) f.order();  // walks between the changes
  }
  f.table.for_each([&](const runtime::Incident& incident) { expected.push_back(incident.id); });
  std::sort(expected.begin(), expected.end());
  CHECK(expected.size() == f.table.size());
  CHECK(f.order() == expected);
}
