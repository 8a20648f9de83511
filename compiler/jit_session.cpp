#include "compiler/jit_session.hpp"

#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/TargetSelect.h>

#include <mutex>

#include "compiler/optimiser.hpp"
#include "stdlib/builtins.hpp"

namespace writ::compiler {

namespace {

void init_native_target() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

std::string message(llvm::Error error) { return llvm::toString(std::move(error)); }

}  // namespace

struct JitSession::Impl {
  std::unique_ptr<llvm::orc::LLJIT> jit;
  std::map<ModuleHandle, llvm::orc::ResourceTrackerSP> trackers;
  ModuleHandle next_handle = 0;
};

JitSession::JitSession(std::unique_ptr<Impl> impl, OptLevel level) : impl_(std::move(impl)), level_(level) {}

JitSession::~JitSession() {
  for (auto& [_, tracker] : impl_->trackers) llvm::consumeError(tracker->remove());
}

std::variant<std::unique_ptr<JitSession>, std::string> JitSession::create(OptLevel level) {
  init_native_target();
  auto machine = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machine) return message(machine.takeError());
  machine->setCodeGenOptLevel(level == OptLevel::O0 ? llvm::CodeGenOpt::None : llvm::CodeGenOpt::Default);
  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*machine)).create();
  if (!jit) return message(jit.takeError());

  // Only the stdlib is reachable from generated code: no search of the host's symbols.
  llvm::orc::SymbolMap symbols;
  for (const stdlib::BuiltinSymbol& s : stdlib::builtin_symbols()) {
    symbols[(*jit)->mangleAndIntern(llvm::StringRef(s.name.data(), s.name.size()))] =
        llvm::JITEvaluatedSymbol(llvm::pointerToJITTargetAddress(s.address),
                                 llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable);
  }
  if (auto error = (*jit)->getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(symbols)))) {
    return message(std::move(error));
  }

  (*jit)->getIRTransformLayer().setTransform(
      [level](llvm::orc::ThreadSafeModule tsm, llvm::orc::MaterializationResponsibility&) -> llvm::Expected<llvm::orc::ThreadSafeModule> {
        tsm.withModuleDo([level](llvm::Module& m) { optimise(m, level); });
        return tsm;
      });
  auto impl = std::make_unique<Impl>();
  impl->jit = std::move(*jit);
  return std::unique_ptr<JitSession>(new JitSession(std::move(impl), level));
}

const llvm::DataLayout& JitSession::data_layout() const { return impl_->jit->getDataLayout(); }

std::variant<JitSession::ModuleHandle, std::string> JitSession::add_module(std::unique_ptr<llvm::LLVMContext> context,
                                                                          std::unique_ptr<llvm::Module> module) {
  auto tracker = impl_->jit->getMainJITDylib().createResourceTracker();
  llvm::orc::ThreadSafeModule tsm(std::move(module), std::move(context));
  if (auto error = impl_->jit->addIRModule(tracker, std::move(tsm))) return message(std::move(error));
  ModuleHandle handle = impl_->next_handle++;
  impl_->trackers.emplace(handle, std::move(tracker));
  return handle;
}

std::variant<void*, std::string> JitSession::lookup(const std::string& name) {
  auto symbol = impl_->jit->lookup(name);
  if (!symbol) return message(symbol.takeError());
  return llvm::jitTargetAddressToPointer<void*>(symbol->getAddress());
}

void JitSession::remove(ModuleHandle handle) {
  auto it = impl_->trackers.find(handle);
  if (it == impl_->trackers.end()) return;
  llvm::consumeError(it->second->remove());
  impl_->trackers.erase(it);
}

std::string JitSession::unique_prefix() { return "writ" + std::to_string(next_prefix_++) + "_"; }

}  // namespace writ::compiler
