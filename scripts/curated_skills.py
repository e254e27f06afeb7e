"""The curated skill layer of the taxonomy (read by ``scripts/build_taxonomy.py``).

ESCO is broad but dated and verbose ("use scripting programming"); CVs and job ads name current
tools ("PyTorch", "k8s", "dbt"). This file is the hand-kept layer that covers them, and the
business and soft skills most CVs state in a few words.

One line per skill::

    id: Name | alias, alias, ... | broader id, broader id

- ``id``: stable, lower-case, ASCII; referenced by ``broader`` fields and by stored matches.
- a leading ``~`` on a name or alias marks it ambiguous (an ordinary word or a short abbreviation:
  "~Go", "~R"); the extractor accepts it only in a technical context. The build also marks
  every one- or two-letter form, and one-word forms of technical skills that are common English
  words, so ``~`` is needed only for what those rules miss.
- a long line continues on the next line(s) indented by spaces.
- ``broader`` links make the hierarchy (PyTorch -> deep learning -> machine learning); a skill may
  have several parents. The build checks that every parent exists and that there is no cycle.
- an alias is another way to write the *same* thing ("k8s", "Postgres", "Ubuntu" for Linux). A
  different tool, product, method or standard is a skill of its own under a broader one
  ("Apache Tomcat" under "web servers", "Apache Hive" under "Hadoop"): an explanation then names
  what the CV says, and a CV with Hive covers a Hadoop requirement only partly (proximity 0.6),
  as it should. An ordinary word is never an alias of something narrower ("strategy" is not
  business strategy in "test strategy", "documentation" is not office administration).

Keys of ``CURATED`` are the categories (dotted, broad to narrow).
"""

from __future__ import annotations

CURATED: dict[str, str] = {
    # ------------------------------------------------------------------------------------------
    "software.core": """
software-engineering: software engineering | software development, software engineer, coding,
    programming, application development, software design |
programming-languages: programming languages | programming language | software-engineering
oop: object-oriented programming | OOP, OOPS, object oriented design, OOAD | software-engineering
functional-programming: functional programming | FP | software-engineering
data-structures: data structures and algorithms | data structures, algorithms,
    DSA | software-engineering
design-patterns: design patterns | software design patterns, ~SOLID | software-engineering
software-architecture: software architecture | system design, solution architecture,
    architecture design | software-engineering
microservices: microservices | microservice architecture, micro-services | software-architecture
event-driven: event-driven architecture | event driven architecture, event sourcing,
    CQRS | software-architecture
api-design: API design | REST API, RESTful API, RESTful services, ~REST, web services,
    API development, APIs | software-engineering, web-development
graphql: GraphQL | | api-design
grpc: gRPC | protocol buffers, protobuf | api-design
soap: SOAP | WSDL | api-design
quality-assurance: quality assurance | QA |
testing: software testing | testing, test cases, test planning, software QA,
    software quality assurance | software-engineering, quality-assurance
unit-testing: unit testing | unit tests | testing
test-automation: test automation | automation testing, automated testing, automated tests | testing
tdd: test-driven development | TDD, BDD, behaviour-driven development | testing
manual-testing: manual testing | functional testing, regression testing, black box testing | testing
performance-testing: performance testing | load testing, stress testing | testing
selenium: ~Selenium | Selenium WebDriver, WebDriver | test-automation
cypress: ~Cypress | | test-automation
playwright: ~Playwright | | test-automation
junit: JUnit | | unit-testing, java
mockito: Mockito | | unit-testing, java
testng: TestNG | | unit-testing, java
pytest: pytest | | unit-testing, python
jest: Jest | | unit-testing, javascript
mocha: ~Mocha | Mocha.js | unit-testing, javascript
jasmine: ~Jasmine | | unit-testing, javascript
cucumber: ~Cucumber | Gherkin | tdd
jmeter: JMeter | Apache JMeter | performance-testing
loadrunner: LoadRunner | HP LoadRunner, Micro Focus LoadRunner | performance-testing
postman: ~Postman | | api-design, testing
version-control: version control | source control, VCS | software-engineering
git: Git | | version-control
github: GitHub | | git
gitlab: GitLab | | git
bitbucket: Bitbucket | | git
svn: Subversion | SVN | version-control
code-review: code review | code reviews | software-engineering
debugging: debugging | troubleshooting code | software-engineering
agile: Agile | agile methodology, agile methodologies, agile development,
    agile software development | project-management
scrum: Scrum | scrum master, sprint planning | agile
kanban: Kanban | | agile
waterfall: waterfall | waterfall model, SDLC, software development life cycle | project-management
jira: Jira | JIRA | agile
confluence: Confluence | Atlassian Confluence | documentation
linux: Linux | GNU/Linux, Ubuntu, Debian, Red Hat, RHEL, CentOS | operating-systems
operating-systems: operating systems | OS | software-engineering
windows: Microsoft Windows | ~Windows, Windows Server | operating-systems
macos: macOS | Mac OS, OS X | operating-systems
unix: Unix | Solaris, AIX | operating-systems
shell-scripting: shell scripting | ~Bash, shell script, shell scripts, Unix shell,
    zsh | scripting, linux
powershell: PowerShell | | scripting, windows
scripting: scripting | scripting languages | programming-languages
regex: regular expressions | regex, regexp | software-engineering
concurrency: concurrent programming | multithreading, multi-threading, parallel programming,
    concurrency | software-engineering
compilers: compilers | compiler design, LLVM | software-engineering
embedded-software: embedded software | embedded systems, embedded programming, firmware,
    embedded C | software-engineering, hardware-engineering
rtos: real-time operating systems | RTOS, real-time operating system, FreeRTOS,
    Zephyr RTOS | embedded-software
""",
    "software.languages": """
python: Python | python3, Python 3, CPython | programming-languages, scripting
java: Java | Core Java, Java SE, Java EE, J2EE, JDK | programming-languages
javascript: JavaScript | JS, ECMAScript, ES6, vanilla JS | programming-languages, web-development
typescript: TypeScript | TS | programming-languages, javascript
c-lang: ~C | C language, C programming, ANSI C | programming-languages
cpp: C++ | CPP, cplusplus, C++11, C++17, C++20 | programming-languages
csharp: C# | C sharp, CSharp | programming-languages, dotnet
go: ~Go | Golang, Go language | programming-languages
rust: ~Rust | Rust language, rustlang | programming-languages
kotlin: Kotlin | | programming-languages
swift: ~Swift | Swift language, SwiftUI | programming-languages, ios
objective-c: Objective-C | ObjC | programming-languages, ios
scala: Scala | | programming-languages, functional-programming
r-lang: ~R | R language, R programming, RStudio, tidyverse, ggplot2, dplyr | programming-languages,
    statistics
matlab: MATLAB | | programming-languages
simulink: Simulink | | matlab, model-based-design
octave: ~Octave | GNU Octave | programming-languages, scientific-computing
julia: ~Julia | Julia language | programming-languages
php: PHP | | programming-languages, web-development
ruby: ~Ruby | | programming-languages
perl: Perl | | programming-languages, scripting
haskell: Haskell | | programming-languages, functional-programming
elixir: Elixir | | programming-languages, functional-programming
erlang: Erlang | Erlang/OTP | programming-languages, functional-programming
clojure: Clojure | | programming-languages, functional-programming
fsharp: F# | F sharp | programming-languages, functional-programming
dart: ~Dart | | programming-languages
lua: Lua | | programming-languages, scripting
fortran: Fortran | | programming-languages
cobol: COBOL | | programming-languages
vba: VBA | Visual Basic for Applications, Excel macros, macros | programming-languages, excel
visual-basic: Visual Basic | VB.NET, VB6 | programming-languages
assembly: assembly language | assembler, x86 assembly, ARM assembly | programming-languages
solidity: Solidity | | programming-languages, smart-contracts
sql: SQL | structured query language, T-SQL, TSQL, PL/SQL, PLSQL,
    SQL queries | programming-languages, databases
html: HTML | HTML5 | web-development
css: CSS | CSS3 | web-development
sass: Sass | SCSS | css
less: ~LESS | Less.js | css
abap: ABAP | SAP ABAP | programming-languages, sap
groovy: ~Groovy | | programming-languages
prolog: Prolog | | programming-languages
""",
    "software.web": """
web-development: web development | web developer, web applications, web app,
    web technologies, website development | software-engineering
web-design: web design | web designing, web designer, website design | web-development, design
frontend: front-end development | frontend, front end, frontend development, front-end developer,
    UI development | web-development
backend: back-end development | backend, back end, backend development,
    server-side development | web-development
full-stack: full-stack development | full stack, fullstack, full-stack developer | web-development
react: ~React | React.js, ReactJS | frontend, javascript
redux: Redux | | react
nextjs: Next.js | NextJS | react
angular: ~Angular | AngularJS, Angular.js | frontend, javascript
vue: Vue.js | Vue, VueJS | frontend, javascript
nuxt: Nuxt | Nuxt.js | vue
svelte: Svelte | SvelteKit | frontend, javascript
jquery: jQuery | | frontend, javascript
ajax: AJAX | | javascript, web-development
bootstrap: ~Bootstrap | | frontend, css
tailwind: Tailwind CSS | ~Tailwind | frontend, css
nodejs: Node.js | ~Node, NodeJS | backend, javascript
express: Express.js | ExpressJS, ~Express | backend, nodejs
nestjs: NestJS | | backend, nodejs
django: Django | Django REST framework, DRF | backend, python
flask: ~Flask | | backend, python
fastapi: FastAPI | | backend, python
spring: ~Spring | Spring Boot, Spring MVC, Spring Framework | backend, java
jpa: JPA | Java Persistence API | backend, java
hibernate: ~Hibernate | Hibernate ORM | jpa
dotnet: .NET | dotnet, Dot Net, ASP.NET, .NET Core, ASP.NET Core | backend
entity-framework: Entity Framework | EF Core, Entity Framework Core | dotnet
rails: Ruby on Rails | ~Rails, RoR | backend, ruby
laravel: Laravel | | backend, php
symfony: Symfony | | backend, php
codeigniter: CodeIgniter | | backend, php
cms: content management systems | CMS, content management system | web-development
wordpress: WordPress | | cms
drupal: Drupal | | cms
joomla: Joomla | | cms
web-accessibility: web accessibility | accessibility, WCAG, a11y | frontend
webassembly: WebAssembly | Wasm | web-development
""",
    "software.mobile": """
mobile-development: mobile development | mobile apps, mobile applications,
    mobile app development | software-engineering
android: Android | Android development, Android SDK, Android Studio,
    Jetpack Compose | mobile-development
ios: iOS | iOS development, Xcode, UIKit, ~Cocoa | mobile-development
flutter: Flutter | | mobile-development, dart
react-native: React Native | | mobile-development, react
xamarin: Xamarin | .NET MAUI | mobile-development, dotnet
""",
    "software.data": """
databases: databases | database, DBMS, RDBMS, relational databases, database design,
    database management, database administration, DBA | software-engineering
postgresql: PostgreSQL | Postgres, PL/pgSQL | databases, sql
mysql: MySQL | | databases, sql
mariadb: MariaDB | | databases, sql
oracle-db: Oracle Database | Oracle DB, Oracle 11g, Oracle 12c, Oracle SQL | databases, sql
sql-server: Microsoft SQL Server | SQL Server, MS SQL Server, MSSQL, MS SQL | databases, sql
ssis: SSIS | SQL Server Integration Services | sql-server, etl
ssrs: SSRS | SQL Server Reporting Services | sql-server, business-intelligence
ssas: SSAS | SQL Server Analysis Services | sql-server, business-intelligence
sqlite: SQLite | | databases, sql
nosql: NoSQL | NoSQL databases, No-SQL, non-relational databases | databases
mongodb: MongoDB | Mongo | nosql
cassandra: Apache Cassandra | ~Cassandra | nosql
redis: Redis | | nosql
memcached: Memcached | | nosql
elasticsearch: Elasticsearch | ~Elastic, ELK, ELK stack | nosql, search-engines
opensearch: OpenSearch | | elasticsearch
kibana: Kibana | | elasticsearch, data-visualization
logstash: Logstash | | elasticsearch
search-engines: search engines | full-text search, enterprise search | software-engineering
lucene: Apache Lucene | ~Lucene | search-engines
solr: Apache Solr | ~Solr | lucene
dynamodb: DynamoDB | | nosql, aws
graph-databases: graph databases | graph database | nosql
neo4j: Neo4j | Cypher | graph-databases
""",
    "data.engineering": """
data-engineering: data engineering | data engineer, data pipelines, data pipeline,
    data infrastructure | data-science
etl: ETL | ELT, extract transform load, data integration | data-engineering
informatica: ~Informatica | Informatica PowerCenter, Informatica Power Center, PowerCenter,
    Informatica Cloud, IICS | etl
fivetran: Fivetran | | etl
airbyte: Airbyte | | etl
talend: Talend | Talend Open Studio | etl
data-warehousing: data warehousing | data warehouse, DWH, dimensional modelling, star schema,
    dimensional modeling | data-engineering, databases
data-modelling: data modelling | data modeling, entity relationship modelling, ER diagrams,
    ER modelling | databases
big-data: big data | big data technologies | data-engineering
hadoop: Hadoop | HDFS, MapReduce, Apache Hadoop | big-data
hive: Apache Hive | ~Hive, HiveQL | hadoop, sql
pig: Apache Pig | ~Pig, Pig Latin | hadoop
hbase: Apache HBase | HBase | hadoop, nosql
sqoop: Apache Sqoop | Sqoop | hadoop
oozie: Apache Oozie | Oozie | hadoop
cloudera: Cloudera | CDH | hadoop
hortonworks: Hortonworks | HDP | hadoop
spark: Apache Spark | ~Spark, PySpark, Spark SQL, Spark Streaming | big-data
kafka: Apache Kafka | Kafka, Kafka Streams | big-data, event-driven
flink: Apache Flink | Flink | big-data
airflow: Apache Airflow | ~Airflow | data-engineering
dbt: dbt | data build tool | data-engineering, sql
snowflake: ~Snowflake | | data-warehousing, cloud-computing
bigquery: BigQuery | Google BigQuery | data-warehousing, gcp
redshift: Amazon Redshift | Redshift | data-warehousing, aws
databricks: Databricks | Delta Lake | big-data, spark
""",
    "data.analytics": """
data-science: data science | data scientist |
data-analysis: data analysis | data analytics, data analyst, analytics, analysing data,
    analyzing data, data interpretation | data-science
exploratory-data-analysis: exploratory data analysis | ~EDA | data-analysis
statistics: statistics | statistical analysis, statistical modelling, statistical modeling,
    biostatistics, inferential statistics, descriptive statistics | data-science
hypothesis-testing: hypothesis testing | A/B testing, AB testing, experimentation, t-test, ANOVA,
    chi-square | statistics
regression: regression analysis | linear regression, logistic regression | statistics,
    machine-learning
time-series: time series analysis | time series, ARIMA | statistics, forecasting
forecasting: forecasting | sales forecasting | data-analysis
bayesian: Bayesian statistics | Bayesian inference, Bayesian methods | statistics
data-visualization: data visualization | data visualisation, dashboards, dashboarding,
    visualization | data-analysis
tableau: Tableau | | data-visualization, business-intelligence
power-bi: Power BI | PowerBI, Power Query, ~DAX | data-visualization, business-intelligence
looker: ~Looker | | data-visualization, business-intelligence
looker-studio: Looker Studio | Google Data Studio | data-visualization
qlik: Qlik | QlikView, Qlik Sense | data-visualization, business-intelligence
matplotlib: Matplotlib | | data-visualization, python
seaborn: Seaborn | | matplotlib
plotly: Plotly | ~Dash, Plotly Dash | data-visualization, python
business-intelligence: business intelligence | BI, BI reporting | data-analysis
pandas: ~pandas | Pandas | data-analysis, python
numpy: NumPy | | python, scientific-computing
scipy: SciPy | | python, scientific-computing
scientific-computing: scientific computing | numerical methods, numerical analysis,
    computational science | software-engineering
jupyter: Jupyter | Jupyter Notebook, JupyterLab, IPython | python, data-science
excel: Microsoft Excel | ~Excel, MS Excel, spreadsheets, pivot tables, VLOOKUP,
    advanced Excel | ms-office, data-analysis
sas: SAS | SAS programming, SAS Enterprise Guide | statistics
spss: SPSS | IBM SPSS | statistics
stata: Stata | | statistics
eviews: EViews | | statistics
data-mining: data mining | | data-science
web-scraping: web scraping | web crawling | data-engineering, python
beautifulsoup: BeautifulSoup | Beautiful Soup, bs4 | web-scraping
scrapy: Scrapy | | web-scraping
""",
    "data.ai": """
artificial-intelligence: artificial intelligence | ~AI | data-science
machine-learning: machine learning | ~ML, machine-learning, statistical learning,
    predictive modelling, predictive modeling, supervised learning,
    unsupervised learning | artificial-intelligence
deep-learning: deep learning | deep neural networks, DNN, neural networks, neural network,
    ~ANN | machine-learning
nlp: natural language processing | NLP, text mining, text analytics, computational linguistics,
    sentiment analysis, named entity recognition, NER | artificial-intelligence, machine-learning
computer-vision: computer vision | image recognition, object detection,
    image segmentation | artificial-intelligence, deep-learning
image-processing: image processing | digital image processing | computer-vision, signal-processing
opencv: OpenCV | | computer-vision
reinforcement-learning: reinforcement learning | RL, deep reinforcement learning | machine-learning
generative-ai: generative AI | GenAI, gen AI, generative models, diffusion models | deep-learning
llm: large language models | LLM, LLMs, GPT, ChatGPT, fine-tuning LLMs | generative-ai, nlp
prompt-engineering: prompt engineering | | llm
rag: retrieval-augmented generation | ~RAG, retrieval augmented generation | llm
langchain: LangChain | | llm, python
llamaindex: LlamaIndex | | llm, python
transformers: transformers | transformer models, BERT, attention mechanism | deep-learning, nlp
hugging-face: Hugging Face | HuggingFace, Hugging Face Transformers | transformers, python
cnn: convolutional neural networks | CNN, CNNs, ConvNets | deep-learning, computer-vision
rnn: recurrent neural networks | RNN, LSTM, GRU | deep-learning
pytorch: PyTorch | ~torch, PyTorch Lightning | deep-learning, python
tensorflow: TensorFlow | TF2, TensorFlow 2, TFLite | deep-learning, python
keras: Keras | | deep-learning, python
jax: JAX | Flax | deep-learning, python
scikit-learn: scikit-learn | sklearn, scikit learn, SciKit | machine-learning, python
ensemble-methods: ensemble methods | ensemble learning | machine-learning
gradient-boosting: gradient boosting | GBM, gradient boosted trees, gradient boosting machines |
    ensemble-methods
xgboost: XGBoost | | gradient-boosting
lightgbm: LightGBM | | gradient-boosting
catboost: CatBoost | | gradient-boosting
decision-trees: decision trees | decision tree | machine-learning
random-forest: random forests | random forest | ensemble-methods, decision-trees
svm: support vector machines | SVM, SVMs | machine-learning
naive-bayes: naive Bayes | Naïve Bayes, Naive Bayes classifier | machine-learning
clustering: clustering | k-means, K means, hierarchical clustering, DBSCAN | machine-learning
recommender-systems: recommender systems | recommendation systems, recommendation engines,
    collaborative filtering | machine-learning
feature-engineering: feature engineering | feature selection, feature extraction | machine-learning
mlops: MLOps | ML ops, model deployment, model serving | machine-learning, devops
mlflow: MLflow | | mlops
kubeflow: Kubeflow | | mlops, kubernetes
wandb: Weights & Biases | wandb | mlops
speech-recognition: speech recognition | ASR, automatic speech recognition,
    speech processing | artificial-intelligence, deep-learning
speech-synthesis: speech synthesis | text-to-speech, TTS | artificial-intelligence, deep-learning
nltk: NLTK | | nlp, python
spacy: spaCy | | nlp, python
gensim: Gensim | | nlp, python
word-embeddings: word embeddings | word2vec, ~GloVe, fastText | nlp
gpu-programming: GPU programming | GPU computing, GPGPU | scientific-computing
cuda: CUDA | cuDNN | gpu-programming, deep-learning
opencl: OpenCL | | gpu-programming
""",
    "cloud.devops": """
cloud-computing: cloud computing | cloud, cloud platforms, cloud services, cloud infrastructure,
    cloud architecture | software-engineering
aws: Amazon Web Services | AWS, Amazon Cloud | cloud-computing
aws-ec2: Amazon EC2 | EC2, Elastic Compute Cloud | aws
aws-s3: Amazon S3 | S3, Simple Storage Service | aws
aws-lambda: AWS Lambda | ~Lambda, Lambda functions | aws, serverless
cloudformation: AWS CloudFormation | CloudFormation | aws, iac
aws-ecs: Amazon ECS | ~ECS, Elastic Container Service, AWS Fargate, ~Fargate | aws, containers
aws-eks: Amazon EKS | EKS, Elastic Kubernetes Service | aws, kubernetes
aws-rds: Amazon RDS | RDS, Amazon Aurora | aws, databases
sagemaker: Amazon SageMaker | SageMaker | aws, mlops
aws-sns: Amazon SNS | ~SNS, Simple Notification Service | aws, message-queues
azure: Microsoft Azure | Azure | cloud-computing
azure-devops: Azure DevOps | Azure Pipelines, VSTS | azure, ci-cd
azure-functions: Azure Functions | | azure, serverless
aks: Azure Kubernetes Service | AKS | azure, kubernetes
azure-data-factory: Azure Data Factory | | azure, etl
gcp: Google Cloud Platform | GCP, Google Cloud | cloud-computing
cloud-run: Google Cloud Run | Cloud Run | gcp, serverless, containers
gke: Google Kubernetes Engine | GKE | gcp, kubernetes
app-engine: Google App Engine | App Engine | gcp
serverless: serverless computing | serverless, FaaS | cloud-computing
devops: DevOps | DevOps engineering, platform engineering | software-engineering
sre: site reliability engineering | SRE, site reliability engineer | devops
ci-cd: continuous integration and delivery | CI/CD, CI, CD, continuous integration,
    continuous delivery, continuous deployment, build pipelines | devops
jenkins: Jenkins | Hudson | ci-cd
github-actions: GitHub Actions | | ci-cd, github
gitlab-ci: GitLab CI | GitLab CI/CD | ci-cd, gitlab
circleci: CircleCI | | ci-cd
travis-ci: Travis CI | | ci-cd
teamcity: TeamCity | | ci-cd
bamboo: ~Bamboo | Atlassian Bamboo | ci-cd
containers: containerization | containers, containerisation | devops
docker: Docker | Dockerfile, Docker Compose | containers
podman: Podman | | containers
kubernetes: Kubernetes | k8s, K8S, kubectl | containers
helm: ~Helm | Helm charts | kubernetes
openshift: OpenShift | Red Hat OpenShift | kubernetes
iac: infrastructure as code | IaC | devops, cloud-computing
terraform: Terraform | | iac
pulumi: Pulumi | | iac
opentofu: OpenTofu | | iac
ansible: Ansible | | configuration-management
configuration-management: configuration management | | devops
puppet: ~Puppet | | configuration-management
chef: ~Chef | | configuration-management
saltstack: SaltStack | Salt | configuration-management
monitoring: monitoring and observability | system monitoring, application monitoring,
    infrastructure monitoring, observability | devops
prometheus: ~Prometheus | | monitoring
grafana: Grafana | | monitoring, data-visualization
datadog: Datadog | | monitoring
new-relic: New Relic | | monitoring
splunk: Splunk | | monitoring, siem
nagios: Nagios | | monitoring
zabbix: Zabbix | | monitoring
build-tools: build tools | build automation | ci-cd
maven: ~Maven | Apache Maven | build-tools, java
gradle: Gradle | | build-tools
ant: Apache Ant | ~Ant | build-tools, java
web-servers: web servers | web server, HTTP server, HTTP servers | devops, backend
nginx: Nginx | | web-servers
apache-httpd: Apache HTTP Server | Apache web server, Apache httpd, httpd | web-servers
tomcat: Apache Tomcat | ~Tomcat | web-servers, java
iis: IIS | Microsoft IIS, Internet Information Services | web-servers, windows
networking: computer networking | ~networking, network administration, TCP/IP, DNS, DHCP,
    routing and switching, LAN, WAN, VPN, CCNA, CCNP, Cisco | it-infrastructure
it-infrastructure: IT infrastructure | IT infrastructure management | software-engineering
system-administration: system administration | sysadmin, systems administration,
    server administration, system administrator | it-infrastructure
technical-support: technical support | IT support, helpdesk, help desk, desktop support,
    service desk | it-infrastructure, customer-service
virtualization: virtualization | virtualisation | it-infrastructure
vmware: VMware | vSphere, VMware vSphere, ESXi | virtualization
hyper-v: Hyper-V | | virtualization, windows
virtualbox: VirtualBox | | virtualization
kvm: KVM | | virtualization, linux
active-directory: Active Directory | Group Policy | it-infrastructure, windows
ldap: LDAP | OpenLDAP | it-infrastructure
""",
    "security": """
cybersecurity: cybersecurity | cyber security, information security, infosec, IT security,
    security engineering | software-engineering
network-security: network security | firewalls, firewall, IDS, IPS,
    intrusion detection | cybersecurity, networking
penetration-testing: penetration testing | pentesting, pen testing, ethical hacking,
    vulnerability assessment | cybersecurity
burp-suite: Burp Suite | | penetration-testing
metasploit: Metasploit | | penetration-testing
kali-linux: Kali Linux | | penetration-testing, linux
application-security: application security | AppSec, OWASP, secure coding, DevSecOps | cybersecurity
cryptography: cryptography | encryption, PKI, TLS, SSL | cybersecurity
iam: identity and access management | IAM | cybersecurity
oauth: OAuth | OAuth2, OAuth 2.0 | iam
openid-connect: OpenID Connect | OIDC | oauth
sso: single sign-on | SSO | iam
saml: SAML | | iam
security-operations: security operations | security operations centre, security operations center,
    SecOps | cybersecurity
siem: SIEM | security information and event management | security-operations
incident-response: incident response | security incident response | security-operations
threat-intelligence: threat intelligence | cyber threat intelligence, CTI | cybersecurity
security-compliance: security compliance | ISMS, information security management system |
    cybersecurity, compliance
iso-27001: ISO 27001 | ISO/IEC 27001 | security-compliance
soc2: SOC 2 | SOC2 | security-compliance
pci-dss: PCI DSS | PCI-DSS | security-compliance
nist-csf: NIST Cybersecurity Framework | NIST, NIST CSF, NIST 800-53 | security-compliance
""",
    "hardware": """
hardware-engineering: hardware engineering | hardware design, hardware engineer |
electronics: electronics engineering | electronics, electronic engineering,
    electronics and communication engineering, electronics and communication,
    electronics and communications, electronics and telecommunication | hardware-engineering
digital-design: digital design | digital logic design, digital electronics, RTL design, RTL,
    logic design | hardware-engineering
hdl: hardware description languages | HDL, HDLs | digital-design
verilog: Verilog | | hdl
systemverilog: SystemVerilog | System Verilog, SV | verilog, design-verification
vhdl: VHDL | | hdl
fpga: FPGA | FPGAs, field-programmable gate arrays, Xilinx, Altera, Intel FPGA | digital-design
vivado: Xilinx Vivado | Vivado | fpga
xilinx-ise: Xilinx ISE | | fpga
quartus: Intel Quartus | Quartus, Quartus Prime | fpga
asic: ASIC | ASICs, ASIC design | digital-design, microelectronics
soc-design: SoC design | SoC, system on chip, system-on-chip | digital-design, microelectronics
microelectronics: microelectronics | semiconductors, semiconductor, semiconductor devices,
    integrated circuits | hardware-engineering
vlsi: VLSI design | VLSI, IC design, chip design | microelectronics
analog-design: analog circuit design | analog design, analogue design, analog circuits,
    mixed-signal design, mixed signal | microelectronics
spice: SPICE | SPICE simulation, HSPICE, LTspice, PSpice, Spectre | analog-design
eda: EDA tools | electronic design automation | microelectronics
cadence: Cadence | Cadence Virtuoso, Virtuoso | eda
synopsys: Synopsys | Design Compiler, Synopsys Design Compiler, PrimeTime | eda
design-verification: design verification | functional verification, verification engineering,
    testbench, testbenches | digital-design
uvm: UVM | Universal Verification Methodology, OVM | design-verification, systemverilog
formal-verification: formal verification | formal methods, model checking,
    property checking | design-verification
physical-design: physical design | place and route, floorplanning, layout design,
    static timing analysis, STA, timing closure, DRC, LVS | microelectronics
pcb-design: PCB design | PCB, printed circuit boards, schematic capture | hardware-engineering
altium: Altium Designer | Altium | pcb-design
kicad: KiCad | | pcb-design
eagle: ~Eagle | Autodesk Eagle, EAGLE PCB | pcb-design
orcad: OrCAD | | pcb-design
microcontrollers: microcontrollers | microcontroller, MCU, STM32, AVR, ~PIC,
    ARM Cortex-M | embedded-software
arduino: Arduino | | microcontrollers
raspberry-pi: Raspberry Pi | | embedded-linux
signal-processing: signal processing | DSP, digital signal processing, filters design,
    FFT | hardware-engineering, scientific-computing
rf-engineering: RF engineering | RF, radio frequency, RF design, microwave engineering,
    antenna design | hardware-engineering
wireless-communications: wireless communications | wireless communication, mobile communications,
    5G, LTE, 4G | rf-engineering
power-electronics: power electronics | power supplies, motor control, inverters |
    hardware-engineering
power-systems: power systems | power system analysis, power distribution,
    transmission and distribution | electrical-engineering
control-systems: control systems | control theory, control engineering, PID control |
    hardware-engineering
industrial-automation: industrial automation | automation engineering | control-systems
plc: PLC programming | ~PLC, PLCs, programmable logic controllers, ladder logic |
    industrial-automation
scada: SCADA | | industrial-automation
robotics: robotics | robot programming | hardware-engineering, artificial-intelligence
ros: ROS | Robot Operating System, ROS2 | robotics
mechatronics: mechatronics | | robotics, mechanical-engineering
iot: Internet of Things | IoT, IIoT | embedded-software, cloud-computing
mqtt: MQTT | | iot
edge-computing: edge computing | | iot, cloud-computing
semiconductor-fab: semiconductor manufacturing | wafer fabrication, photolithography,
    CMOS process | microelectronics, manufacturing
test-equipment: electronic test equipment | oscilloscope, oscilloscopes, logic analyzer,
    spectrum analyzer, multimeter | hardware-engineering
soldering: soldering | SMD soldering, through-hole soldering | hardware-engineering
cad: computer-aided design | CAD, 3D modelling, 3D modeling | mechanical-engineering
autocad: AutoCAD | AutoCAD 2D, AutoCAD 3D | cad
solidworks: SolidWorks | | cad
catia: CATIA | | cad
creo: ~Creo | PTC Creo, Pro/Engineer | cad
fusion-360: Fusion 360 | Autodesk Fusion 360 | cad
inventor: ~Inventor | Autodesk Inventor | cad
mechanical-engineering: mechanical engineering | mechanical design, mechanical engineer,
    machine design |
gdt: GD&T | geometric dimensioning and tolerancing | mechanical-engineering
thermodynamics: thermodynamics | | mechanical-engineering
heat-transfer: heat transfer | | mechanical-engineering
fluid-mechanics: fluid mechanics | fluid dynamics | mechanical-engineering
fea: finite element analysis | FEA, FEM, finite element method | mechanical-engineering,
    scientific-computing
ansys: ANSYS | ANSYS Fluent, ANSYS Mechanical | fea
abaqus: Abaqus | | fea
comsol: COMSOL | COMSOL Multiphysics | fea
cfd: computational fluid dynamics | CFD | fluid-mechanics, scientific-computing
openfoam: OpenFOAM | | cfd
civil-engineering: civil engineering | civil engineer, construction engineering |
civil-3d: Civil 3D | AutoCAD Civil 3D | autocad, civil-engineering
drainage-design: drainage design | drainage engineering, stormwater design,
    SuDS design | civil-engineering
structural-engineering: structural engineering | structural analysis, structural design,
    structural engineer | civil-engineering
staad-pro: STAAD Pro | STAAD.Pro, STAAD | structural-engineering
etabs: ETABS | | structural-engineering
surveying: surveying | land surveying, total station | civil-engineering
estimation: estimation and costing | cost estimation, quantity estimation | civil-engineering
manufacturing: manufacturing | production engineering, manufacturing engineering |
lean: lean manufacturing | lean production, 5S, Kaizen, TPM, total productive maintenance |
    manufacturing,
    process-improvement
six-sigma: Six Sigma | six sigma, Lean Six Sigma, DMAIC, Six Sigma Green Belt,
    Six Sigma Black Belt | quality-control, process-improvement
production-planning: production planning | production planning and control, MRP |
    manufacturing
quality-control: quality control | QC, quality management, quality management system,
    QMS | manufacturing, quality-assurance
iso-9001: ISO 9001 | ISO 9001:2015 | quality-control
rca: root cause analysis | RCA, CAPA, 8D, fishbone analysis | quality-control, problem-solving
spc: statistical process control | SPC | quality-control, statistics
fmea: FMEA | failure mode and effects analysis | quality-control
""",
    "life_health": """
life-sciences: life sciences | biology, bioscience, biosciences |
biotechnology: biotechnology | biotech | life-sciences
molecular-biology: molecular biology | molecular techniques, DNA extraction, RNA extraction,
    molecular cloning, gene cloning, gene expression | life-sciences
crispr: CRISPR | CRISPR-Cas9, Cas9, gene editing, genome editing | molecular-biology,
    genetic-engineering
genetic-engineering: genetic engineering | genetic modification, recombinant DNA | molecular-biology
pcr: PCR | polymerase chain reaction, qPCR, RT-PCR, RT-qPCR, real-time PCR | molecular-biology
sequencing: DNA sequencing | NGS, next-generation sequencing, Illumina, Sanger sequencing, RNA-seq,
    whole genome sequencing | molecular-biology, genomics
genetics: genetics | | life-sciences
genomics: genomics | transcriptomics, omics | genetics
proteomics: proteomics | | life-sciences
bioinformatics: bioinformatics | computational biology, Bioconductor, BLAST,
    sequence analysis | genomics, data-science
cell-culture: cell culture | tissue culture, mammalian cell culture,
    aseptic technique | life-sciences
flow-cytometry: flow cytometry | FACS | laboratory-techniques
immunoassays: immunoassays | ELISA, Western blot, western blotting, immunohistochemistry,
    IHC | laboratory-techniques
electrophoresis: gel electrophoresis | electrophoresis, SDS-PAGE | laboratory-techniques
laboratory-techniques: laboratory techniques | lab techniques, wet lab, laboratory skills, lab work,
    laboratory experience | life-sciences
chromatography: chromatography | HPLC, gas chromatography, liquid chromatography |
    laboratory-techniques, chemistry
mass-spectrometry: mass spectrometry | GC-MS, LC-MS, MS/MS | laboratory-techniques, chemistry
spectroscopy: spectroscopy | UV-Vis, FTIR, NMR, Raman spectroscopy | laboratory-techniques,
    chemistry
chemistry: chemistry | analytical chemistry, organic chemistry, inorganic chemistry,
    chemical analysis, titration |
biochemistry: biochemistry | | chemistry, life-sciences
microbiology: microbiology | bacteriology, virology, microbial culture | life-sciences
pharmacology: pharmacology | pharmacokinetics, pharmacodynamics, PK/PD | life-sciences
toxicology: toxicology | | pharmacology
drug-discovery: drug discovery | drug development | pharmacology
pharmaceutical: pharmaceutical industry | pharma, pharmaceuticals, drug formulation,
    formulation development | pharmacology
pharmacy: pharmacy | pharmacist | healthcare, pharmacology
gxp: GxP | | regulatory-affairs
gmp: Good Manufacturing Practice | GMP, cGMP | gxp, quality-control
glp: good laboratory practice | GLP | gxp, laboratory-techniques
gdp: good distribution practice | ~GDP | gxp
clinical-trials: clinical trials | clinical research, clinical trial, clinical studies, CRA,
    clinical research associate | life-sciences, regulatory-affairs
good-clinical-practice: good clinical practice | ICH-GCP, ICH GCP | clinical-trials, gxp
clinical-data-management: clinical data management | ~CDM, CDISC, SDTM | clinical-trials
regulatory-affairs: regulatory affairs | regulatory compliance, regulatory submissions, FDA, EMA,
    ICH guidelines | compliance
pharmacovigilance: pharmacovigilance | drug safety | regulatory-affairs
medical-device-regulation: medical device regulation | MDR, ISO 13485 | regulatory-affairs,
    medical-devices
medical-devices: medical devices | medical device, medical technology, medtech,
    biomedical engineering, biomedical devices | life-sciences, hardware-engineering
healthcare: healthcare | health care, patient care, clinical care, hospital |
nursing: nursing | nurse, registered nurse, patient assessment, wound care,
    medication administration, IV therapy, intravenous therapy, care planning | healthcare
medicine: medicine | clinical medicine, physician, MBBS, clinical practice,
    medical practice | healthcare
public-health: public health | | healthcare
epidemiology: epidemiology | | public-health, statistics
health-informatics: health informatics | | healthcare, data-analysis
ehr: electronic health records | EHR, EMR, electronic medical records,
    electronic patient records, EPR | health-informatics
systmone: SystmOne | | ehr
emis: EMIS Web | ~EMIS | ehr
epic-ehr: ~Epic | Epic Systems, Epic EHR | ehr
cerner: Cerner | | ehr
hl7: HL7 | HL7 v2 | health-informatics
fhir: FHIR | HL7 FHIR | hl7
medical-coding: medical coding | ICD-10, CPT coding | health-informatics
nutrition: nutrition | dietetics, diet planning, nutritional counselling, nutritionist,
    dietician | healthcare
fitness: fitness training | personal training, personal trainer, fitness, strength and conditioning,
    exercise prescription, gym, aerobics | healthcare
yoga: yoga | yoga instruction, yoga teacher | fitness
physiotherapy: physiotherapy | physical therapy, rehabilitation, sports injury,
    sports medicine | healthcare
first-aid: first aid | CPR, BLS, ACLS, basic life support | healthcare
psychology: psychology | mental health | healthcare
counselling: counselling | counseling, psychotherapy, talk therapy | psychology
cbt: cognitive behavioural therapy | CBT, cognitive behavioral therapy | counselling
""",
    "fintech": """
finance: finance | financial services, corporate finance, financial management |
fintech: fintech | financial technology, payment systems, payment gateways, digital payments,
    open banking | finance, software-engineering
blockchain: blockchain | distributed ledger, ~DLT | fintech
cryptocurrency: cryptocurrency | cryptocurrencies, crypto | blockchain
bitcoin: Bitcoin | | cryptocurrency
web3: Web3 | | blockchain
defi: DeFi | decentralised finance, decentralized finance | blockchain, cryptocurrency
nft: NFT | NFTs | blockchain
ethereum: Ethereum | Ethereum Virtual Machine | blockchain
smart-contracts: smart contracts | smart contract | blockchain
hardhat: Hardhat | | smart-contracts
truffle: ~Truffle | Truffle Suite | smart-contracts
kyc: KYC | know your customer, customer due diligence, CDD, EDD, enhanced due diligence,
    client onboarding | compliance
aml: anti-money laundering | AML, AML/CFT, CFT, transaction monitoring, sanctions screening,
    financial crime | compliance
compliance: compliance | compliance management, internal controls |
gdpr: GDPR | General Data Protection Regulation | compliance, data-privacy
sox: SOX | Sarbanes-Oxley | compliance, auditing
risk-management: risk management | risk assessment, risk analysis, enterprise risk management, ERM,
    operational risk, risk mitigation | finance
risk-modelling: risk modelling | risk modeling, credit risk, market risk, credit scoring, VaR,
    value at risk, stress testing models | risk-management, quantitative-finance
basel: Basel accords | Basel III, Basel II, Basel regulations | risk-management, compliance
quantitative-finance: quantitative finance | quant, quantitative analysis, derivatives pricing,
    options pricing, stochastic calculus, financial engineering | finance, statistics
algorithmic-trading: algorithmic trading | algo trading | quantitative-finance, trading
hft: high-frequency trading | HFT | algorithmic-trading
financial-modelling: financial modelling | financial modeling, DCF, discounted cash flow, valuation,
    financial forecasting, LBO | finance, financial-analysis
financial-analysis: financial analysis | financial analyst, ratio analysis,
    variance analysis | finance
financial-reporting: financial reporting | financial statements | accounting
mis-reporting: MIS reporting | MIS reports | business-intelligence
accounting: accounting | accountancy, bookkeeping, book keeping, general ledger, accounts payable,
    accounts receivable, reconciliation, bank reconciliation, journal entries | finance
tally: Tally ERP | ~Tally, Tally.ERP 9, Tally Prime | accounting
quickbooks: QuickBooks | | accounting
xero: ~Xero | | accounting
sage-accounting: Sage accounting | Sage 50, Sage 200, Sage Line 50, Sage Intacct | accounting
financial-close: financial close | month-end close, month end close, month-end,
    year-end close, management accounts | accounting
acca: ACCA | ACCA qualified, ACCA finalist | accounting
cima: CIMA | CIMA qualified, CIMA finalist | accounting
auditing: auditing | audit, internal audit, statutory audit, external audit, audits | accounting,
    compliance
taxation: taxation | tax, GST, VAT, income tax, TDS, tax returns, tax compliance,
    tax planning | accounting
accounting-standards: accounting standards | | accounting
ifrs: IFRS | Ind AS, IFRS 9 | accounting-standards
gaap: GAAP | US GAAP | accounting-standards
budgeting: budgeting | budget management, budget planning, forecasting budgets, cost control,
    cost management, cost accounting | finance
investment-banking: investment banking | | finance
mergers-acquisitions: mergers and acquisitions | M&A | investment-banking
capital-markets: capital markets | | finance
equity-research: equity research | | investment-banking
due-diligence: due diligence | | finance
banking: banking | retail banking, commercial banking, loans, lending | finance
credit-analysis: credit analysis | credit appraisal, credit assessment | banking, risk-management
treasury: treasury | treasury management, cash management | finance
insurance: insurance | underwriting, claims processing | finance, risk-management
actuarial: actuarial science | actuarial, actuary | insurance, statistics
trading: trading | equity trading, stock market, forex, FX | finance
asset-management: asset management | portfolio management, fund management,
    investment management | finance
wealth-management: wealth management | private banking | finance
""",
    "business": """
project-management: project management | project manager, project planning, project delivery,
    project coordination, project execution, project scheduling |
pmp: PMP | Project Management Professional | project-management
prince2: PRINCE2 | | project-management
pmo: PMO | project management office | project-management
earned-value: earned value management | earned value analysis | project-management
ms-project: Microsoft Project | MS Project | project-management, office-software
program-management: programme management | program management, PgMP | project-management
product-management: product management | product manager, product owner, product roadmap,
    roadmapping, product strategy, product discovery | business-strategy
business-analysis: business analysis | business analyst, gap analysis | business-strategy
requirements-analysis: requirements analysis | requirements gathering, requirement gathering,
    requirements engineering, BRD, FRD, user stories, use cases | business-analysis
process-modelling: business process modelling | process mapping, BPMN, process modeling,
    business process modeling | business-analysis, process-improvement
business-strategy: business strategy | strategic planning, corporate strategy,
    business planning, business development plans |
stakeholder-management: stakeholder management | stakeholder engagement, stakeholder communication,
    managing stakeholders, client relationship management, relationship management | communication
change-management: change management | organisational change, organizational change,
    business transformation | business-strategy
process-improvement: process improvement | business process improvement, process optimization,
    process optimisation, continuous improvement, operational excellence,
    BPR | operations-management
operations-management: operations management | business operations, operational management,
    operations manager |
supply-chain: supply chain management | supply chain, SCM | operations-management
logistics: logistics | logistics management | supply-chain
procurement: procurement | purchasing, ~sourcing, strategic sourcing | supply-chain
vendor-management: vendor management | supplier management | procurement
inventory-management: inventory management | inventory control, stock management | supply-chain
warehouse-management: warehouse management | warehousing, WMS | logistics
demand-planning: demand planning | demand forecasting | supply-chain
erp: ERP | ERP systems, enterprise resource planning | operations-management, software-engineering
oracle-erp: Oracle ERP | Oracle E-Business Suite, Oracle EBS, Oracle Fusion | erp
dynamics: Microsoft Dynamics | Microsoft Dynamics 365, Dynamics 365, Dynamics AX,
    Dynamics NAV | erp, crm
sap: SAP | SAP ERP, SAP S/4HANA, S/4HANA, SAP MM, SAP SD, SAP FICO, SAP FI/CO, SAP PP | erp
sap-hana: SAP HANA | ~HANA, SAP HANA SQL | sap, databases
sap-bw: SAP BW | SAP Business Warehouse, BW/4HANA | sap, data-warehousing
crm: CRM | CRM systems, customer relationship management | sales, marketing
salesforce: Salesforce | Salesforce CRM, SFDC | crm
hubspot: HubSpot | | crm, digital-marketing
zoho-crm: Zoho CRM | | crm
sales: sales | selling, sales management, B2B sales, B2C sales, direct sales, inside sales,
    field sales, sales targets, closing deals |
lead-generation: lead generation | prospecting, cold calling | sales, marketing
account-management: account management | key account management, KAM | sales, customer-service
business-development: business development | BD, new business development, partnerships,
    channel sales, market expansion | sales, business-strategy
negotiation: negotiation | negotiating, negotiation skills, contract negotiation | communication
customer-service: customer service | customer support, client servicing, customer care,
    customer satisfaction, call centre, call center, client service, customer handling,
    customer experience |
marketing: marketing | marketing strategy, marketing campaigns, go-to-market, GTM,
    product marketing, marketing communications |
brand-management: brand management | branding, brand strategy | marketing
digital-marketing: digital marketing | online marketing, performance marketing,
    affiliate marketing | marketing
seo: SEO | search engine optimization, search engine optimisation | digital-marketing
sem: SEM | search engine marketing, PPC, pay-per-click, Google Ads, Google AdWords |
    digital-marketing
google-analytics: Google Analytics | GA4 | digital-marketing, data-analysis
social-media-marketing: social media marketing | SMM, social media management | digital-marketing
email-marketing: email marketing | | digital-marketing
content-marketing: content marketing | | digital-marketing, content-writing
content-writing: content writing | copywriting, content creation, blogging,
    proofreading | communication
documentation: documentation | technical documentation, user documentation, user manuals,
    process documentation | content-writing
technical-writing: technical writing | technical writer | documentation
public-relations: public relations | PR, media relations, corporate communications,
    press releases | marketing, communication
event-management: event management | event planning, conference organisation,
    event coordination | operations-management
retail: retail | retail management, merchandising, visual merchandising, store management,
    store operations, point of sale, POS | sales
ecommerce: e-commerce | ecommerce, online retail, marketplace management | retail,
    digital-marketing
shopify: Shopify | | ecommerce
magento: Magento | Adobe Commerce | ecommerce
hospitality: hospitality | hotel management, front office, food and beverage, F&B,
    housekeeping | customer-service
tourism: tourism | travel and tourism, tour operations | hospitality
consulting: consulting | management consulting, consultancy, advisory | business-strategy
entrepreneurship: entrepreneurship | founder, co-founder,
    business ownership | business-strategy
market-research: market research | market analysis, competitor analysis, competitive analysis,
    consumer research, survey research | marketing, data-analysis
ux-design: UX design | UX, user experience, information architecture,
    interaction design | design
user-research: UX research | user research, usability testing | ux-design
wireframing: wireframing | wireframes, mockups | ux-design
prototyping: prototyping | rapid prototyping | design
ui-design: UI design | UI, user interface design, visual design | design
figma: Figma | | ui-design
sketch: ~Sketch | Sketch app | ui-design
adobe-xd: Adobe XD | | ui-design
invision: InVision | | ui-design
design: creative design | design thinking, creative designer |
graphic-design: graphic design | graphic designer, Adobe Creative Suite, logo design | design
photoshop: Adobe Photoshop | Photoshop | graphic-design
illustrator: Adobe Illustrator | ~Illustrator | graphic-design
indesign: Adobe InDesign | InDesign | graphic-design
coreldraw: CorelDRAW | Corel Draw | graphic-design
canva: Canva | | graphic-design
typography: typography | | graphic-design
video-editing: video editing | video production | design
premiere: Adobe Premiere Pro | Premiere Pro, Adobe Premiere | video-editing
final-cut: Final Cut Pro | | video-editing
motion-graphics: motion graphics | | video-editing, graphic-design
after-effects: Adobe After Effects | After Effects | motion-graphics
animation: animation | 2D animation, 3D animation | design
blender: ~Blender | | animation
maya: Autodesk Maya | ~Maya | animation
photography: photography | photo editing | design
lightroom: Adobe Lightroom | Lightroom | photography
arts: arts | | design
fine-arts: fine arts | ~painting, sketching, sculpture | arts
illustration: illustration | | arts, graphic-design
art-direction: art direction | art director | arts, design
music: music | musician, music production, singing, instrumental music | arts
dance: dance | dancing, choreography | arts
theatre: theatre | theater, ~acting, drama | arts
office-software: office software | computer literacy, word processing, typing |
ms-office: Microsoft Office | MS Office, MS-Office, Office 365, Microsoft 365 | office-software
word: Microsoft Word | ~Word, MS Word | ms-office
powerpoint: Microsoft PowerPoint | PowerPoint, MS PowerPoint, Power Point | ms-office
outlook: Microsoft Outlook | ~Outlook, MS Outlook | ms-office
google-workspace: Google Workspace | G Suite, Google Sheets, Google Docs | office-software
administration: office administration | administrative support, administrative assistant, clerical,
    record keeping, calendar management, front desk, reception, receptionist | operations-management
data-entry: data entry | data entry operator | administration
""",
    "people": """
human-resources: human resources | HR, HRM, human resource management, personnel management,
    HR operations, HR generalist, HR policies |
employee-relations: employee relations | ER casework, disciplinary and grievance |
    human-resources
cipd: CIPD | CIPD Level 5, CIPD Level 7 | human-resources
hris: HRIS | HRMS, human resources information system | human-resources
payroll: payroll | payroll processing, payroll management | human-resources, accounting
compensation-benefits: compensation and benefits | C&B, benefits administration | human-resources
performance-management: performance management | performance appraisal,
    performance appraisals | human-resources
recruitment: recruitment | recruiting, talent acquisition, hiring, sourcing candidates,
    interviewing, headhunting, campus recruitment | human-resources
onboarding: onboarding | employee onboarding, employee induction | human-resources
training-development: training and development | L&D, learning and development, corporate training,
    training delivery, employee training | human-resources, teaching
leadership: leadership | team leadership, team lead, people management, team management,
    managing teams, leading teams, staff management, ~supervision, supervisor |
mentoring: mentoring | coaching, mentorship | leadership
teamwork: teamwork | team player, team work, collaboration, collaborative,
    cross-functional collaboration, working in teams |
communication: communication | communication skills, verbal communication,
    written communication |
interpersonal-skills: interpersonal skills | interpersonal communication, people skills |
    communication
public-speaking: public speaking | presentation skills, presentation skill | communication
problem-solving: problem solving | problem-solving |
critical-thinking: critical thinking | analytical skills, analytical thinking | problem-solving
troubleshooting: troubleshooting | | problem-solving
decision-making: decision making | decision-making | problem-solving
time-management: time management | prioritisation, prioritization, multitasking, multi-tasking,
    organisational skills, organizational skills, planning and organising, meeting deadlines |
adaptability: adaptability | flexibility, quick learner, fast learner, willingness to learn,
    resilience |
self-motivation: self-motivation | self-motivated, self motivated, self-starter |
creativity: creativity | creative thinking |
attention-to-detail: attention to detail | detail-oriented, detail oriented |
work-ethic: work ethic | |
teaching: teaching | teacher, tutoring, tutor, lecturing, lecturer, classroom management,
    lesson planning, pedagogy, mentoring students |
curriculum-development: curriculum development | curriculum design | teaching
instructional-design: instructional design | e-learning, eLearning | teaching
research: research | research and development, R&D, academic research, scientific research,
    literature review, research methodology, qualitative research, quantitative research |
""",
    "legal": """
law: law | legal, legal practice, legal services, legal work, legal assistance, lawyer, advocate,
    attorney, solicitor, barrister,
    LLB, LL.B, LL.M, legal advice |
legal-drafting: legal drafting | drafting, drafting contracts, contract drafting,
    drafting agreements, pleadings, drafting of pleadings, legal documentation, deeds, affidavits,
    petitions | law
legal-research: legal research | case law research, legal analysis, Westlaw, LexisNexis, Manupatra,
    SCC Online | law, research
litigation: litigation | civil litigation, court proceedings, trials, appearing in court | law
adr: alternative dispute resolution | ADR, arbitration, mediation, dispute resolution | law
contract-law: contract law | contract management, commercial contracts | law
corporate-law: corporate law | company law, corporate governance, corporate legal, securities law,
    M&A transactions | law
criminal-law: criminal law | criminal litigation, criminal cases, bail | law, litigation
intellectual-property: intellectual property | IP law, patents, patent law, trademarks, copyright,
    patent drafting, prior art search | law
labour-law: labour law | labor law, employment law, industrial relations | law, human-resources
family-law: family law | divorce, matrimonial cases, child custody | law, litigation
property-law: property law | real estate law, conveyancing, land law | law
""",
    "other": """
languages-spoken: foreign languages | multilingual, bilingual, language skills |
english: English | English language, fluent English, IELTS, TOEFL | languages-spoken
german: German | German language | languages-spoken
french: French | French language | languages-spoken
spanish: Spanish | Spanish language | languages-spoken
hindi: Hindi | | languages-spoken
mandarin: Mandarin | Chinese, Mandarin Chinese | languages-spoken
arabic: Arabic | | languages-spoken
driving: driving licence | driving license, driver's licence |
sports: sports | athletics, football, cricket, basketball, tennis, swimming, martial arts, karate,
    sports coaching | fitness
construction: construction management | construction, site management, site supervision,
    building construction, project site execution | civil-engineering, project-management
quantity-surveying: quantity surveying | BOQ, bill of quantities, quantity surveyor |
    construction
electrical-installation: electrical installation | electrical maintenance, wiring,
    electrical wiring, switchgear, substations, electrician | electrical-engineering
hvac: HVAC | heating ventilation and air conditioning | mechanical-engineering, construction
electrical-engineering: electrical engineering | electrical engineer, electrical design,
    electrical systems | hardware-engineering
mep: MEP | MEP services, mechanical electrical plumbing | construction
maintenance: maintenance | preventive maintenance, predictive maintenance, breakdown maintenance,
    plant maintenance, equipment maintenance | manufacturing
safety: health and safety | HSE, EHS, occupational safety, safety management, OSHA,
    NEBOSH, SMSTS, SSSTS, CSCS card | compliance
""",
    "extra.tech": """
message-queues: message queues | message brokers, message queue, Pub/Sub | event-driven
rabbitmq: RabbitMQ | | message-queues
activemq: ActiveMQ | Apache ActiveMQ | message-queues
jms: JMS | Java Message Service | message-queues, java
sqs: Amazon SQS | SQS | message-queues, aws
zeromq: ZeroMQ | ZMQ | message-queues
nats: ~NATS | NATS.io | message-queues
rpa: robotic process automation | RPA | test-automation, process-improvement
uipath: UiPath | | rpa
blue-prism: Blue Prism | | rpa
automation-anywhere: Automation Anywhere | | rpa
power-automate: Power Automate | Microsoft Flow | rpa
salesforce-dev: Salesforce development | Apex, Visualforce, Lightning Web Components, LWC,
    Salesforce administration | crm, software-engineering
itsm: IT service management | ITSM, ITIL, incident management, problem management |
    it-infrastructure
servicenow: ServiceNow | | itsm
zendesk: Zendesk | | customer-service
firebase: Firebase | Firestore, Firebase Realtime Database | mobile-development, nosql
supabase: Supabase | | postgresql
wireshark: Wireshark | | networking
labview: LabVIEW | NI LabVIEW | test-equipment, programming-languages
sentry: ~Sentry | Sentry.io | monitoring
workday: ~Workday | Workday HCM | hris
trello: Trello | | project-management
asana: ~Asana | | project-management
slack: ~Slack | | office-software
sharepoint: SharePoint | SharePoint Online | office-software, web-development
power-apps: Power Apps | PowerApps | office-software, software-engineering
mainframe: mainframe | z/OS, JCL, CICS, IBM mainframe, REXX | software-engineering
game-development: game development | game programming | software-engineering
game-design: game design | game designer | game-development
unity: ~Unity | Unity3D, Unity 3D | game-development
unreal: Unreal Engine | UE4, UE5 | game-development
godot: Godot | | game-development
computer-graphics: computer graphics | shaders, shader programming | game-development
hlsl: HLSL | | computer-graphics
glsl: GLSL | | computer-graphics
opengl: OpenGL | | computer-graphics
vulkan: ~Vulkan | | computer-graphics
directx: DirectX | Direct3D | computer-graphics, windows
webgl: WebGL | | computer-graphics, web-development
threejs: three.js | Three.js, threejs | webgl, javascript
qt: Qt | Qt framework, QML, PyQt | software-engineering, cpp
embedded-linux: embedded Linux | Yocto, Buildroot | embedded-software, linux
device-drivers: device drivers | device driver development, driver development | embedded-software
linux-kernel: Linux kernel | kernel development | embedded-linux, operating-systems
distributed-systems: distributed systems | distributed computing, consensus algorithms,
    Paxos | software-architecture
high-availability: high availability | HA clusters, failover | distributed-systems
data-governance: data governance | data lineage, data catalog, data stewardship | data-engineering,
    compliance
mdm: master data management | MDM | data-governance
data-quality: data quality | data quality management, data cleansing | data-governance
data-privacy: data privacy | data protection, privacy engineering, anonymisation,
    pseudonymisation, differential privacy | compliance, cybersecurity
geospatial: geographic information systems | GIS, geospatial analysis | data-analysis
arcgis: ArcGIS | | geospatial
qgis: QGIS | | geospatial
remote-sensing: remote sensing | satellite imagery | geospatial
optimization: mathematical optimization | operations research, linear programming,
    integer programming, MILP, constraint programming | scientific-computing
or-tools: OR-Tools | Google OR-Tools | optimization
gurobi: Gurobi | | optimization
cplex: CPLEX | IBM CPLEX | optimization
quantum-computing: quantum computing | quantum algorithms | scientific-computing
qiskit: Qiskit | | quantum-computing, python
cirq: Cirq | | quantum-computing, python
ar-vr: AR/VR | augmented reality, virtual reality, mixed reality, ARKit, ARCore |
    software-engineering
linux-admin: Linux system administration | Linux administration, RHCE, RHCSA,
    Linux server administration | linux, it-infrastructure
storage: storage systems | SAN, NAS | it-infrastructure
backup-recovery: backup and recovery | disaster recovery, DR planning | it-infrastructure
netapp: NetApp | | storage
autosar: AUTOSAR | automotive software | embedded-software
can-bus: CAN bus | CAN protocol | embedded-software
canoe: CANoe | Vector CANoe | can-bus
functional-safety: functional safety | ISO 26262, IEC 61508 | embedded-software, safety
model-based-design: model-based design | model based design | control-systems, matlab
""",
    "extra.business": """
real-estate: real estate | property management, real estate sales, brokerage | sales
journalism: journalism | news writing, reporter, editorial, broadcasting | content-writing
translation: translation | translator, interpreting, interpreter, localization, localisation |
    languages-spoken, content-writing
architecture-design: architectural design | architectural drafting, building design |
    design, civil-engineering
bim: BIM | building information modelling, building information modeling | architecture-design
revit: Autodesk Revit | Revit | bim
sketchup: SketchUp | | architecture-design
urban-planning: urban planning | town planning, city planning | architecture-design
interior-design: interior design | interior designer, interior decoration, space planning |
    design
fashion-design: fashion design | fashion designer, apparel design, textile design,
    garment construction, pattern making | design
culinary: culinary arts | cooking, head chef, commis chef, pastry chef, pastry, bakery,
    food preparation, kitchen management | hospitality
food-safety: food safety | HACCP, food hygiene | culinary, compliance
aviation: aviation | pilot, flight operations, air traffic control, aircraft maintenance,
    cabin crew | operations-management
logistics-ops: logistics operations | ~shipping, freight forwarding, import export,
    EXIM | logistics
customs-clearance: customs clearance | customs brokerage | logistics-ops
fleet-management: fleet management | | logistics-ops
agriculture: agriculture | agronomy, farming, horticulture, crop management, soil science,
    agribusiness | life-sciences
environmental: environmental science | sustainability, environmental impact assessment,
    climate change |
esg: ESG | sustainability reporting, carbon accounting | environmental, compliance
renewable-energy: renewable energy | solar energy, wind energy, solar PV | environmental,
    electrical-engineering
social-work: social work | social worker, community work, case management, NGO, non-profit,
    fundraising, community outreach |
customer-success: customer success | account retention, churn reduction, renewals |
    customer-service, sales
telesales: telesales | telecalling, telemarketing, outbound calls, inbound calls, BPO |
    sales, customer-service
project-governance: project governance | project reporting, RAID log, status reporting,
    resource planning, capacity planning | project-management
performance-metrics: performance metrics | KPI, KPIs, OKR, OKRs, key performance indicators,
    balanced scorecard | business-strategy
emotional-intelligence: emotional intelligence | empathy, active listening | communication
conflict-resolution: conflict resolution | conflict management | communication
""",
}
